// @ts-check
'use strict';

/**
 * What the sandbox demands of a register-account body, as strictly as the API reference puts it,
 * so that a test sees at once if the node sends a value that is not normalized.
 * @returns {string[]} one line per problem; empty when the body is acceptable
 */
function problemsOf(body) {
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		return ['the body must be a JSON object'];
	const problems = [];
	const string = (field) =>
		body[field] === undefined ||
		typeof body[field] === 'string' ||
		problems.push(`${field} must be a string`);
	const known = new Set([
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
	for (const field of Object.keys(body)) {
		if (!known.has(field)) problems.push(`${field} is not a field of register-account`);
		else if (field !== 'newsletter' && field !== 'groups') string(field);
	}
	if (typeof body.email !== 'string' || !/^[^\s@]+@[^\s@A-Z]+\.[^\s@A-Z]+$/.test(body.email)) {
		problems.push('email must be a valid address with a lowercase domain');
	}
	if (typeof body.password !== 'string' || body.password.length < 1)
		problems.push('password must have at least 1 character');
	if (body.phone !== undefined && !/^\+\d{1,3} \d{4,14}$/.test(body.phone))
		problems.push('phone must be +<calling code> <number>');
	if (body.newsletter !== undefined && typeof body.newsletter !== 'boolean')
		problems.push('newsletter must be a boolean');
	if (
		body.groups !== undefined &&
		!(Array.isArray(body.groups) && body.groups.every((g) => typeof g === 'string'))
	) {
		problems.push('groups must be a list of strings');
	}
	if (body.country !== undefined && !/^[A-Z]{2}$/.test(body.country))
		problems.push('country must be an ISO 3166-1 alpha-2 code');
	if (body.referralId !== undefined && !/^[A-Za-z0-9]{16}$/.test(body.referralId))
		problems.push('referralId must be 16 letters or digits');
	if (body.returnUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(body.returnUrl))
		problems.push('returnUrl must be an http or https URL');
	if (
		body.primaryLocale !== undefined &&
		!/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(body.primaryLocale)
	) {
		problems.push('primaryLocale must be a BCP 47 tag');
	}
	if (
		body.customerRealIp !== undefined &&
		!/^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*)$/.test(body.customerRealIp)
	) {
		problems.push('customerRealIp must be an IPv4 or IPv6 address');
	}
	for (const field of known) {
		if (
			typeof body[field] === 'string' &&
			field !== 'password' &&
			body[field] !== body[field].trim()
		) {
			problems.push(`${field} must be trimmed`);
		}
		if (body[field] === '') problems.push(`${field} is empty: leave it out instead`);
	}
	return problems;
}

module.exports = { problemsOf };
