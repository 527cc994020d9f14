/** The documented format of a BizKitHub API key: a 4-character kind, then 28 letters or digits. */
export const API_KEY_PATTERN = /^(PROD|DEV_|ROOT)[A-Za-z0-9]{28}$/;

export const API_KEY_FORMAT_MESSAGE =
	'The BizKitHub API key does not have the documented format: 32 characters, starting with PROD, DEV_ or ROOT followed by 28 letters or digits. Copy the whole key from BizKitHub and check for spaces.';

export function isWellFormedApiKey(value: unknown): value is string {
	return typeof value === 'string' && API_KEY_PATTERN.test(value);
}
