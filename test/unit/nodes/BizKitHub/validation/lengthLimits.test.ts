import {
	validateCustomer,
	type ValidationResult,
} from '../../../../../nodes/BizKitHub/validation/validateCustomer';

// Converting an international domain to ASCII (punycode) takes time that grows with the square of
// its length; before these limits, one item with a 22,000-character domain held n8n's only thread
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
 * The hosts, in ASCII, of the URLs read while `run` runs. The e-mail check and zod's URL check
 * each parse a URL and read its host: that conversion to ASCII is the costly work.
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

describe('returnUrl length', () => {
	const base = 'https://shop.example.com/';

	test('a URL of exactly 2048 characters is accepted as given', () => {
		const url = base + 'a'.repeat(2048 - base.length);
		expect(sent(validate({ returnUrl: url })).returnUrl).toBe(url);
	});

	test('a URL of 2049 characters is refused naming the limit', () => {
		const url = base + 'a'.repeat(2049 - base.length);
		expect(issuesOf(validate({ returnUrl: url }))).toEqual([
			{ field: 'returnUrl', message: 'must be at most 2048 characters long' },
		]);
	});

	test('the limit applies to the URL as sent, %-encoded', () => {
		// 1,025 characters given; each 'ř' is sent as %C5%99.
		const url = base + 'ř'.repeat(1000);
		expect(issuesOf(validate({ returnUrl: url }))).toEqual([
			{
				field: 'returnUrl',
				message:
					'must be at most 2048 characters long as it is sent (its host in ASCII, other characters %-encoded); it has 6025',
			},
		]);
	});

	test('a host of one 22,000-character Chinese label is refused by its length, never converted to ASCII', () => {
		const url = `https://${LONG_CHINESE_LABEL}.cn/welcome`;
		let result: ValidationResult | undefined;
		expect(overLongHostsReadDuring(() => (result = validate({ returnUrl: url })))).toBe(0);
		expect(issuesOf(result!)).toEqual([
			{ field: 'returnUrl', message: 'must be at most 2048 characters long' },
		]);
	});
});

describe('returnUrl host', () => {
	const hostMessage =
		'must have a host name of at most 253 characters, at most 63 between two dots, in its ASCII form (xn--…)';
	// 63 × 3 + 61 + 3 dots = 253 characters.
	const host253 = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;

	test.each([
		['a 63-character label', `https://${'a'.repeat(63)}.example.com/`],
		['a 253-character host', `https://${host253}/`],
	])('%s is accepted', (_, url) => {
		expect(sent(validate({ returnUrl: url })).returnUrl).toBe(url);
	});

	test.each([
		['a 64-character label', `https://${'a'.repeat(64)}.example.com/`],
		['a 254-character host', `https://e${host253}/`],
		// Short as given, too long in ASCII: 'ü' × 58 is xn--… of 64 characters.
		['an international label of 64 characters in ASCII', `https://${'ü'.repeat(58)}.de/`],
		['a label of 42 Chinese characters, 65 in ASCII', `https://${chineseLabel(42)}.cn/`],
	])('%s is refused', (_, url) => {
		expect(issuesOf(validate({ returnUrl: url }))).toEqual([
			{ field: 'returnUrl', message: hostMessage },
		]);
	});

	test('an international host that fits is sent in its ASCII form', () => {
		expect(sent(validate({ returnUrl: `https://${'ü'.repeat(57)}.de/` })).returnUrl).toMatch(
			/^https:\/\/xn--[a-z0-9-]{59}\.de\/$/,
		);
		expect(sent(validate({ returnUrl: `https://${chineseLabel(41)}.cn/` })).returnUrl).toMatch(
			/^https:\/\/xn--[a-z0-9-]{59}\.cn\/$/,
		);
		expect(sent(validate({ returnUrl: 'https://bücher.de/danke' })).returnUrl).toBe(
			'https://xn--bcher-kva.de/danke',
		);
	});
});
