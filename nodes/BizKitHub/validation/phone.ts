import { CALLING_CODES, callingCodeOf } from './countries';

export type PhoneResult = { ok: true; value: string } | { ok: false; message: string };

const ALLOWED_CHARACTERS = /^\+?[0-9\s\-./()]+$/;

/** Countries whose numbers keep their leading 0 after the calling code (Italy and its enclaves). */
const KEEPS_LEADING_ZERO = new Set(['39']);

const MIN_NATIONAL_DIGITS = 4;
const MAX_TOTAL_DIGITS = 15;

function splitCallingCode(digits: string): { code: string; national: string } | undefined {
	for (let length = 1; length <= 3; length++) {
		const code = digits.slice(0, length);
		if (CALLING_CODES.has(code)) return { code, national: digits.slice(length) };
	}
	return undefined;
}

/** Removes a national trunk prefix that people often write in front of a local number. */
function stripTrunkPrefix(code: string, national: string): string {
	if (code === '1' && national.length === 11 && national.startsWith('1')) return national.slice(1);
	if (national.startsWith('0') && !KEEPS_LEADING_ZERO.has(code)) return national.slice(1);
	return national;
}

function finish(code: string, national: string): PhoneResult {
	if (national.length < MIN_NATIONAL_DIGITS) {
		return {
			ok: false,
			message: `is too short: +${code} needs a number of at least ${MIN_NATIONAL_DIGITS} digits after it`,
		};
	}
	if (code.length + national.length > MAX_TOTAL_DIGITS) {
		return {
			ok: false,
			message: `is too long: a phone number has at most ${MAX_TOTAL_DIGITS} digits with its calling code`,
		};
	}
	return { ok: true, value: `+${code} ${national}` };
}

/**
 * Normalizes a phone number to the form the API prefers: `+<calling code> <national number>`.
 * Accepts `+420777123456`, `+420 777 123 456`, `00420777123456`, `+1 (415) 555-0100`, and, when a
 * default country is given, a national number such as `777 123 456`.
 */
export function normalizePhone(raw: string, defaultCountry: string): PhoneResult {
	const text = raw.trim();
	if (!ALLOWED_CHARACTERS.test(text)) {
		return { ok: false, message: 'may contain only digits, spaces and + - . ( ) /' };
	}
	// "+44 (0)20 7946 0958": the "(0)" is the trunk prefix written for callers inside the country.
	const withoutTrunkHint = text.replace(/\(0\)/g, '');
	const digits = withoutTrunkHint.replace(/\D/g, '');
	const international = withoutTrunkHint.startsWith('+')
		? digits
		: digits.startsWith('00')
			? digits.slice(2)
			: undefined;

	if (international !== undefined) {
		const split = splitCallingCode(international);
		if (!split) return { ok: false, message: 'starts with an unknown country calling code' };
		return finish(split.code, split.national);
	}

	if (!defaultCountry) {
		return {
			ok: false,
			message:
				'has no country calling code: write it as +<calling code> <number>, or set the Default Phone Country option',
		};
	}
	const code = callingCodeOf(defaultCountry);
	if (!code)
		return {
			ok: false,
			message: `cannot use the Default Phone Country "${defaultCountry}": not an ISO 3166-1 alpha-2 code`,
		};
	return finish(code, stripTrunkPrefix(code, digits));
}
