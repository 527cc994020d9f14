/**
 * BizKitHub's public API as this package uses it: where it is served, what a key looks like, the
 * paths, the documented refusals and the body of a registration. The credential, the transport,
 * the validation and the operations take these facts from here, not from each other.
 */

/** The n8n credential type that holds the key (saved workflows refer to it by this name). */
export const CREDENTIAL_TYPE = 'bizKitHubApi';

/** Where BizKitHub's API is served, when the credential's Base URL is left empty. */
export const DEFAULT_BASE_URL = 'https://api.bizkithub.com';

/** The key goes in this query parameter of every request. */
export const API_KEY_QUERY_PARAMETER = 'apiKey';

/** The documented format of an API key: a 4-character kind, then 28 letters or digits. */
export const API_KEY_PATTERN = /^(PROD|DEV_|ROOT)[A-Za-z0-9]{28}$/;

export const API_KEY_FORMAT_MESSAGE =
	'The BizKitHub API key does not have the documented format: 32 characters, starting with PROD, DEV_ or ROOT followed by 28 letters or digits. Copy the whole key from BizKitHub and check for spaces.';

export function isWellFormedApiKey(value: unknown): value is string {
	return typeof value === 'string' && API_KEY_PATTERN.test(value);
}

/** Answers with HTTP 200 for any known key; the credential test calls it. */
export const PING_PATH = '/api/v1/ping/';

export const REGISTER_ACCOUNT_PATH = '/api/v1/customer/register-account';

/**
 * The documented refusals of register-account, in order: E001 registration failed, E002 already
 * registered, E003 banned, E004 too many attempts. They come with HTTP 200 and `success: false`.
 */
export const API_ERROR_CODES = ['E001', 'E002', 'E003', 'E004'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** The body fields of register-account, in the order the API reference lists them. */
export const REGISTER_ACCOUNT_FIELDS = [
	{ id: 'email', required: true },
	{ id: 'password', required: true },
	{ id: 'name', required: false },
	{ id: 'firstName', required: false },
	{ id: 'lastName', required: false },
	{ id: 'phone', required: false },
	{ id: 'companyName', required: false },
	{ id: 'companyRegistrationNumber', required: false },
	{ id: 'taxIdentificationNumber', required: false },
	{ id: 'streetAddress', required: false },
	{ id: 'city', required: false },
	{ id: 'cityPart', required: false },
	{ id: 'stateRegion', required: false },
	{ id: 'postalCode', required: false },
	{ id: 'country', required: false },
	{ id: 'newsletter', required: false },
	{ id: 'primaryLocale', required: false },
	{ id: 'groups', required: false },
	{ id: 'customerRealIp', required: false },
	{ id: 'referralId', required: false },
	{ id: 'returnUrl', required: false },
] as const;

export type RegisterAccountField = (typeof REGISTER_ACCOUNT_FIELDS)[number]['id'];

export const REGISTER_ACCOUNT_FIELD_IDS: ReadonlySet<string> = new Set(
	REGISTER_ACCOUNT_FIELDS.map((field) => field.id),
);

/** The JSON body of a registration, normalized: e-mail and password, and the optional fields given. */
export type RegisterAccountBody = { email: string; password: string } & Record<
	string,
	string | boolean | string[]
>;
