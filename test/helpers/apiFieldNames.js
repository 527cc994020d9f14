// @ts-check
'use strict';

// The 21 body fields of register-account as BizKitHub's API reference lists them, written out
// here on purpose rather than read from the package: what the tests expect the node to offer.

const API_FIELD_NAMES = Object.freeze([
	'email',
	'password',
	'name',
	'firstName',
	'lastName',
	'phone',
	'companyName',
	'companyRegistrationNumber',
	'taxIdentificationNumber',
	'streetAddress',
	'city',
	'cityPart',
	'stateRegion',
	'postalCode',
	'country',
	'newsletter',
	'primaryLocale',
	'groups',
	'customerRealIp',
	'referralId',
	'returnUrl',
]);

/** The ones the API requires. */
const REQUIRED_FIELD_NAMES = Object.freeze(['email', 'password']);

module.exports = { API_FIELD_NAMES, REQUIRED_FIELD_NAMES };
