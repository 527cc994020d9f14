import {
	CALLING_CODES,
	COUNTRY_CODES,
	callingCodeOf,
} from '../../../../../nodes/BizKitHub/validation/countries';

test('the table holds the 249 ISO 3166-1 alpha-2 codes', () => {
	expect(COUNTRY_CODES.size).toBe(249);
	for (const code of COUNTRY_CODES) expect(code).toMatch(/^[A-Z]{2}$/);
	for (const code of ['CZ', 'SK', 'DE', 'US', 'GB', 'AX', 'SS'])
		expect(COUNTRY_CODES.has(code)).toBe(true);
	for (const code of ['UK', 'EU', 'XK', 'XX']) expect(COUNTRY_CODES.has(code)).toBe(false);
});

test('calling codes are a prefix code, so a number splits one way only', () => {
	const codes = [...CALLING_CODES];
	for (const a of codes) {
		for (const b of codes) {
			if (a !== b) expect(b.startsWith(a)).toBe(false);
		}
	}
});

test.each([
	['CZ', '420'],
	['sk', '421'],
	['US', '1'],
	['CA', '1'],
	['RU', '7'],
	['GB', '44'],
	['DE', '49'],
])('%s dials +%s', (country, code) => {
	expect(callingCodeOf(country)).toBe(code);
});
