// @ts-check
'use strict';

// Names the tests expect, written out here on purpose rather than read from the package: the 21
// body fields of register-account as BizKitHub's API reference lists them, and the node's outputs
// in the order saved workflows connect to them.

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

/** Register Account's outputs, in order. */
const OUTPUT_NAMES = Object.freeze([
	'Success',
	'E001 Register Failed',
	'E002 Already Registered',
	'E003 Banned',
	'E004 Too Many Attempts',
	'Invalid',
]);

module.exports = { API_FIELD_NAMES, REQUIRED_FIELD_NAMES, OUTPUT_NAMES };
