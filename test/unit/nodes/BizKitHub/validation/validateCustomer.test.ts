import { REGISTER_ACCOUNT_FIELDS } from '../../../../../nodes/BizKitHub/api/contract';
import {
	validateCustomer,
	type ValidationResult,
} from '../../../../../nodes/BizKitHub/validation/validateCustomer';

const NO_DEFAULT_COUNTRY = { defaultPhoneCountry: '' };

function validate(fields: Record<string, unknown>, defaultPhoneCountry = '') {
	return validateCustomer(
		{ email: 'jane@example.com', password: 'pw', ...fields },
		{ defaultPhoneCountry },
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

function fieldsWithIssues(result: ValidationResult) {
	return issuesOf(result).map((issue) => issue.field);
}

describe('email', () => {
	test.each([
		['  jane@example.com ', 'jane@example.com'],
		['Jane.Doe@Example.COM', 'Jane.Doe@example.com'],
		['a.b+tag@Sub.Example.Co.UK', 'a.b+tag@sub.example.co.uk'],
	])('%j is sent as %j (trimmed, domain lowercased, local part kept)', (given, expected) => {
		expect(sent(validate({ email: given })).email).toBe(expected);
	});

	test.each(['', '   ', null, undefined])('%j is reported as required', (given) => {
		expect(issuesOf(validate({ email: given }))).toEqual([
			{ field: 'email', message: 'is required' },
		]);
	});

	test.each([
		'jane',
		'jane@',
		'@example.com',
		'jane@@example.com',
		'jane doe@example.com',
		'jane@example',
	])('%j is not a valid address', (given) => {
		expect(issuesOf(validate({ email: given }))).toEqual([
			{ field: 'email', message: 'must be a valid e-mail address' },
		]);
	});

	test.each([
		['anna@bücher.de', 'anna@xn--bcher-kva.de'],
		['Anna@BÜCHER.de', 'Anna@xn--bcher-kva.de'],
		['ivan@xn--e1afmkfd.xn--p1ai', 'ivan@xn--e1afmkfd.xn--p1ai'],
		['ivan@пример.рф', 'ivan@xn--e1afmkfd.xn--p1ai'],
		['taro@例え.テスト', 'taro@xn--r8jz45g.xn--zckzah'],
	])('an international domain: %j is sent as %j (its ASCII form)', (given, expected) => {
		expect(sent(validate({ email: given })).email).toBe(expected);
	});

	test.each([
		'jane@example.com:25',
		'jane@example.com/x',
		'jane@-example.com',
		'jane@example..com',
		'jane@exa_mple.com',
		'jane@example.c0m',
		'.jane@example.com',
		'ja..ne@example.com',
		`${'j'.repeat(65)}@example.com`,
	])('%j is not a valid address either', (given) => {
		expect(issuesOf(validate({ email: given }))).toEqual([
			{ field: 'email', message: 'must be a valid e-mail address' },
		]);
	});

	test('the same address with its domain written in Unicode and in ASCII is one address', () => {
		expect(sent(validate({ email: 'anna@bücher.de' })).email).toBe(
			sent(validate({ email: 'anna@XN--BCHER-KVA.DE' })).email,
		);
	});

	test('an object is refused as not text', () => {
		expect(issuesOf(validate({ email: { address: 'x' } }))[0]).toEqual({
			field: 'email',
			message: 'must be text or a number',
		});
	});
});

describe('numbers given for text', () => {
	test.each([
		['companyRegistrationNumber', 5103118, '5103118'],
		['postalCode', 27201, '27201'],
		['name', 1.5, '1.5'],
	])('%s %j is sent as %j', (field, given, expected) => {
		expect(sent(validate({ [field]: given }))[field as 'name']).toBe(expected);
	});

	test.each([
		['companyRegistrationNumber', Number('12345678901234567890')],
		['taxIdentificationNumber', Number.MAX_SAFE_INTEGER + 2],
		['password', 2 ** 60],
	])(
		'%s %j, beyond 2^53, is refused naming the field, never sent with altered digits',
		(field, given) => {
			expect(issuesOf(validate({ [field]: given }))).toEqual([
				{
					field,
					message:
						'is a number too large to be exact (its last digits are already lost): give it as text',
				},
			]);
		},
	);

	test('a group given as such a number is refused too', () => {
		expect(fieldsWithIssues(validate({ groups: ['vip', 2 ** 60] }))).toEqual(['groups']);
	});
});

describe('password', () => {
	test('is at most 1024 characters: a longer one is refused naming the field', () => {
		expect(sent(validate({ password: 'p'.repeat(1024) })).password).toHaveLength(1024);
		expect(issuesOf(validate({ password: 'p'.repeat(1025) }))).toEqual([
			{ field: 'password', message: 'must be at most 1024 characters long' },
		]);
		expect(fieldsWithIssues(validate({ password: 'p'.repeat(2_000_000) }))).toEqual(['password']);
	});

	test.each([' secret with spaces ', 'x', '  '])('%j is sent exactly as given', (given) => {
		expect(sent(validate({ password: given })).password).toBe(given);
	});

	test('a number is sent as text', () => {
		expect(sent(validate({ password: 1234 })).password).toBe('1234');
	});

	test.each(['', null, undefined])('%j is reported as required', (given) => {
		expect(issuesOf(validate({ password: given }))).toEqual([
			{ field: 'password', message: 'is required' },
		]);
	});
});

describe('phone', () => {
	test.each([
		['+420777123456', '+420 777123456'],
		['+420 777 123 456', '+420 777123456'],
		['00420777123456', '+420 777123456'],
		['+1 (415) 555-0100', '+1 4155550100'],
		['+44 (0)20 7946 0958', '+44 2079460958'],
		['+49 30/1234567', '+49 301234567'],
	])('%j is sent as %j', (given, expected) => {
		expect(sent(validate({ phone: given })).phone).toBe(expected);
	});

	test.each([
		['777 123 456', 'CZ', '+420 777123456'],
		['0171 1234567', 'DE', '+49 1711234567'],
		['06 12 34 56 78', 'fr', '+33 612345678'],
		['(415) 555-0100', 'US', '+1 4155550100'],
		['1 415 555 0100', 'US', '+1 4155550100'],
		['06 1234 5678', 'IT', '+39 0612345678'],
		['+420 777 123 456', 'DE', '+420 777123456'],
	])('%j with default country %s is sent as %j', (given, country, expected) => {
		expect(sent(validate({ phone: given }, country)).phone).toBe(expected);
	});

	test('a national number without a default country is invalid and says how to fix it', () => {
		const [issue] = issuesOf(validate({ phone: '777 123 456' }));
		expect(issue.field).toBe('phone');
		expect(issue.message).toMatch(/no country calling code/);
		expect(issue.message).toMatch(/Default Phone Country/);
	});

	test.each([
		['+420 777 123 456 ext 12', /only digits/],
		['call me', /only digits/],
		['+999 1234567', /unknown country calling code/],
		['+420 12', /too short/],
		['+420 1234567890123456', /too long/],
	])('%j is invalid (%s)', (given, pattern) => {
		const [issue] = issuesOf(validate({ phone: given }));
		expect(issue.field).toBe('phone');
		expect(issue.message).toMatch(pattern);
	});

	test('an unknown default country is reported on the phone field', () => {
		const [issue] = issuesOf(validate({ phone: '777123456' }, 'XX'));
		expect(issue).toEqual({
			field: 'phone',
			message: expect.stringMatching(/Default Phone Country "XX"/),
		});
	});
});

describe('customerRealIp', () => {
	test.each([
		['::1', '127.0.0.1'],
		['0.0.0.0', '127.0.0.1'],
		['localhost', '127.0.0.1'],
		[' 203.0.113.7 ', '203.0.113.7'],
		['2001:db8::42', '2001:db8::42'],
	])('%j is sent as %j', (given, expected) => {
		expect(sent(validate({ customerRealIp: given })).customerRealIp).toBe(expected);
	});

	test('empty is left out like any empty optional field', () => {
		expect(sent(validate({ customerRealIp: '' }))).not.toHaveProperty('customerRealIp');
	});

	test.each(['256.1.1.1', '1.2.3', 'example.com', '2001:db8:::1'])('%j is invalid', (given) => {
		expect(issuesOf(validate({ customerRealIp: given }))).toEqual([
			{ field: 'customerRealIp', message: 'must be a valid IPv4 or IPv6 address' },
		]);
	});
});

describe('referralId', () => {
	test('16 letters or digits are sent trimmed', () => {
		expect(sent(validate({ referralId: ' AbCd1234EfGh5678 ' })).referralId).toBe(
			'AbCd1234EfGh5678',
		);
	});

	test.each(['AbCd1234EfGh567', 'AbCd1234EfGh56789', 'AbCd-234EfGh5678'])(
		'%j is invalid',
		(given) => {
			expect(issuesOf(validate({ referralId: given }))).toEqual([
				{ field: 'referralId', message: 'must be exactly 16 letters or digits' },
			]);
		},
	);
});

describe('country', () => {
	test.each([
		[' cz ', 'CZ'],
		['de', 'DE'],
		['US', 'US'],
	])('%j is sent as %j', (given, expected) => {
		expect(sent(validate({ country: given })).country).toBe(expected);
	});

	test.each(['CZE', 'Czechia', 'XX', 'UK'])('%j is invalid', (given) => {
		expect(issuesOf(validate({ country: given }))).toEqual([
			{ field: 'country', message: 'must be an ISO 3166-1 alpha-2 country code such as CZ' },
		]);
	});
});

describe('primaryLocale', () => {
	test.each([
		['cs', 'cs'],
		['cs_CZ', 'cs-CZ'],
		['EN-us', 'en-US'],
		['zh-hant-tw', 'zh-Hant-TW'],
	])('%j is sent in canonical form %j', (given, expected) => {
		expect(sent(validate({ primaryLocale: given })).primaryLocale).toBe(expected);
	});

	test.each(['english', 'cs__CZ', '12', 'c'])('%j is invalid', (given) => {
		expect(issuesOf(validate({ primaryLocale: given }))).toEqual([
			{ field: 'primaryLocale', message: 'must be a BCP 47 language tag such as cs or cs-CZ' },
		]);
	});
});

describe('returnUrl', () => {
	test.each(['https://shop.example.com/welcome?x=1', 'http://localhost:3000/'])(
		'%j is accepted',
		(given) => {
			expect(sent(validate({ returnUrl: given })).returnUrl).toBe(given);
		},
	);

	test.each([
		'/welcome',
		'shop.example.com',
		'ftp://shop.example.com/',
		'javascript:alert(1)',
		'https://',
	])('%j is invalid', (given) => {
		expect(issuesOf(validate({ returnUrl: given }))).toEqual([
			{ field: 'returnUrl', message: 'must be an absolute http or https URL' },
		]);
	});
});

describe('newsletter', () => {
	test.each([
		[true, true],
		[false, false],
		['true', true],
		['FALSE', false],
		['yes', true],
		[' No ', false],
		['1', true],
		['0', false],
		[1, true],
		[0, false],
	])('%j is sent as %j', (given, expected) => {
		expect(sent(validate({ newsletter: given })).newsletter).toBe(expected);
	});

	test.each(['maybe', 2, 'y'])('%j is invalid', (given) => {
		expect(fieldsWithIssues(validate({ newsletter: given }))).toEqual(['newsletter']);
	});
});

describe('groups', () => {
	test.each([
		[
			['vip', 'b2b'],
			['vip', 'b2b'],
		],
		['vip, b2b ,,wholesale', ['vip', 'b2b', 'wholesale']],
		[
			[' vip ', 7],
			['vip', '7'],
		],
	])('%j is sent as %j', (given, expected) => {
		expect(sent(validate({ groups: given })).groups).toEqual(expected);
	});

	test('an empty list is left out', () => {
		expect(sent(validate({ groups: [] }))).not.toHaveProperty('groups');
	});

	test.each([[[{ name: 'vip' }]], [true]])('%j is invalid', (given) => {
		expect(fieldsWithIssues(validate({ groups: given }))).toEqual(['groups']);
	});
});

describe('other text fields', () => {
	const textFields = [
		'name',
		'firstName',
		'lastName',
		'companyName',
		'companyRegistrationNumber',
		'taxIdentificationNumber',
		'streetAddress',
		'city',
		'cityPart',
		'stateRegion',
		'postalCode',
	];

	test.each(textFields)('%s is trimmed, a number is sent as text, empty is left out', (field) => {
		expect(sent(validate({ [field]: '  value  ' }))[field]).toBe('value');
		expect(sent(validate({ [field]: 5103118 }))[field]).toBe('5103118');
		expect(sent(validate({ [field]: '   ' }))).not.toHaveProperty(field);
		expect(sent(validate({ [field]: null }))).not.toHaveProperty(field);
	});

	test.each(textFields)('%s refuses an object or a boolean', (field) => {
		expect(issuesOf(validate({ [field]: { a: 1 } }))).toEqual([
			{ field, message: 'must be text or a number' },
		]);
		expect(issuesOf(validate({ [field]: true }))).toEqual([
			{ field, message: 'must be text or a number' },
		]);
	});

	test('the postal code keeps its inner space', () => {
		expect(sent(validate({ postalCode: ' 272 01 ' })).postalCode).toBe('272 01');
	});
});

describe('a whole record', () => {
	test('every problem is reported, in field order, not only the first', () => {
		const result = validateCustomer(
			{
				email: 'nope',
				phone: '12',
				country: 'Czechia',
				referralId: 'short',
				returnUrl: '/x',
				newsletter: 'maybe',
			},
			NO_DEFAULT_COUNTRY,
		);
		expect(fieldsWithIssues(result)).toEqual([
			'email',
			'password',
			'phone',
			'country',
			'newsletter',
			'referralId',
			'returnUrl',
		]);
	});

	test('a full, messy record is normalized field by field', () => {
		const body = sent(
			validateCustomer(
				{
					email: ' Jan.Novak@Firma.CZ ',
					password: ' p@ss ',
					name: ' Jan Novák ',
					firstName: 'Jan',
					lastName: 'Novák',
					phone: '00420 777 123 456',
					companyName: 'Firma s.r.o.',
					companyRegistrationNumber: 5103118,
					taxIdentificationNumber: 'CZ9609040727',
					streetAddress: 'Hlavní 1',
					city: 'Kolín',
					cityPart: 'Kolín II',
					stateRegion: 'Středočeský kraj',
					postalCode: '280 02',
					country: 'cz',
					newsletter: 'yes',
					primaryLocale: 'cs_CZ',
					groups: 'vip, b2b',
					customerRealIp: 'localhost',
					referralId: 'ABCDEF1234567890',
					returnUrl: 'https://firma.cz/ok',
				},
				NO_DEFAULT_COUNTRY,
			),
		);
		expect(body).toEqual({
			email: 'Jan.Novak@firma.cz',
			password: ' p@ss ',
			name: 'Jan Novák',
			firstName: 'Jan',
			lastName: 'Novák',
			phone: '+420 777123456',
			companyName: 'Firma s.r.o.',
			companyRegistrationNumber: '5103118',
			taxIdentificationNumber: 'CZ9609040727',
			streetAddress: 'Hlavní 1',
			city: 'Kolín',
			cityPart: 'Kolín II',
			stateRegion: 'Středočeský kraj',
			postalCode: '280 02',
			country: 'CZ',
			newsletter: true,
			primaryLocale: 'cs-CZ',
			groups: ['vip', 'b2b'],
			customerRealIp: '127.0.0.1',
			referralId: 'ABCDEF1234567890',
			returnUrl: 'https://firma.cz/ok',
		});
		expect(Object.keys(body).sort()).toEqual(
			REGISTER_ACCOUNT_FIELDS.map((field) => field.id).sort(),
		);
	});

	test('only email and password: nothing else is sent', () => {
		expect(
			sent(
				validateCustomer(
					{ email: 'a@b.cz', password: 'x', phone: '', groups: [] },
					NO_DEFAULT_COUNTRY,
				),
			),
		).toEqual({
			email: 'a@b.cz',
			password: 'x',
		});
	});
});
