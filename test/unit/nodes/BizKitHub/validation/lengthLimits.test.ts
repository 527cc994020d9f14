import {
	validateCustomer,
	type ValidationResult,
} from '../../../../../nodes/BizKitHub/validation/validateCustomer';

// Converting an international domain to ASCII (punycode) takes time that grows with the square of
// its length; before these limits, one item with a 22,000-character e-mail domain held n8n's only thread
// for half a second or more. No test here measures time: each shows instead that a value over the
// limit is refused by its length, without its host ever being converted.

function validate(fields: Record<string, unknown>) {
	return validateCustomer(
		{ email: 'jane@example.com', password: 'pw', ...fields },
		{ defaultPhoneCountry: '' },
	);
}

function sent(result: ValidationResult) {
	if (!result.valid) throw new Error(`expected valid, got ${JSON.stringify(result.issues)}`);
	return result.body;
}

function issuesOf(result: ValidationResult) {
	if (result.valid) throw new Error(`expected invalid, got ${JSON.stringify(result.body)}`);
	return result.issues;
}

/** A DNS label of `length` different Chinese characters: the costly case for punycode. */
function chineseLabel(length: number): string {
	const first = 0x4e00;
	const count = 0x9fff - first + 1;
	return Array.from({ length }, (_, i) => String.fromCodePoint(first + (i % count))).join('');
}

const LONG_CHINESE_LABEL = chineseLabel(22_000);

/**
 * The hosts, in ASCII, of the URLs read while `run` runs. The e-mail check parses its domain as
 * a URL and reads its host: that conversion to ASCII is the costly work.
 */
function hostsReadDuring(run: () => void): string[] {
	const spy = jest.spyOn(URL.prototype, 'hostname', 'get');
	try {
		run();
		return spy.mock.results.map((result) => result.value as string);
	} finally {
		spy.mockRestore();
	}
}

/** How many of those hosts were longer than DNS allows (what the long inputs would make). */
function overLongHostsReadDuring(run: () => void): number {
	return hostsReadDuring(run).filter((host) => host.length > 253).length;
}

describe('email length', () => {
	const local64 = 'j'.repeat(64);
	// 64 + 1 + 189 = 254 characters.
	const domain189 = `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;

	test('an address of exactly 254 characters is valid', () => {
		const address = `${local64}@${domain189}`;
		expect(address).toHaveLength(254);
		expect(sent(validate({ email: address })).email).toBe(address);
	});

	test('an address of 255 characters is refused naming the limit', () => {
		const address = `${local64}@d${domain189}`;
		expect(address).toHaveLength(255);
		expect(issuesOf(validate({ email: address }))).toEqual([
			{ field: 'email', message: 'must be at most 254 characters long' },
		]);
	});

	test('the limit applies to the trimmed address', () => {
		const address = `${local64}@${domain189}`;
		expect(sent(validate({ email: `  ${address}  ` })).email).toBe(address);
	});

	test('a local part of 64 characters is valid, one of 65 is not', () => {
		expect(sent(validate({ email: `${local64}@example.com` })).email).toBe(
			`${local64}@example.com`,
		);
		expect(issuesOf(validate({ email: `j${local64}@example.com` }))).toEqual([
			{ field: 'email', message: 'must be a valid e-mail address' },
		]);
	});

	test('an international domain counts in its ASCII form, as it is sent', () => {
		// 'ü' × 57 is a 63-character label in ASCII (xn--…): 241 characters given, 259 sent.
		const label = 'ü'.repeat(57);
		const address = `${local64}@${label}.${label}.${label}.de`;
		expect(address).toHaveLength(241);
		expect(issuesOf(validate({ email: address }))).toEqual([
			{
				field: 'email',
				message:
					'must be at most 254 characters long with its domain in ASCII form (xn--…), as it is sent; it has 259',
			},
		]);
		const shorter = `${'j'.repeat(59)}@${label}.${label}.${label}.de`;
		expect(sent(validate({ email: shorter })).email).toHaveLength(254);
	});

	test('a domain of one 22,000-character Chinese label is refused by its length, never converted to ASCII', () => {
		const address = `anna@${LONG_CHINESE_LABEL}.cn`;
		let result: ValidationResult | undefined;
		expect(overLongHostsReadDuring(() => (result = validate({ email: address })))).toBe(0);
		expect(issuesOf(result!)).toEqual([
			{ field: 'email', message: 'must be at most 254 characters long' },
		]);
	});

	test('a short international domain is still converted (the hosts above are really read)', () => {
		expect(hostsReadDuring(() => validate({ email: 'anna@bücher.de' }))).toEqual([
			'xn--bcher-kva.de',
		]);
	});
});
