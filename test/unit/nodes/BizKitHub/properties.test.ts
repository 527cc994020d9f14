/**
 * Properties that must hold for any input, checked with fast-check on 1,000 generated cases each.
 */
import fc from 'fast-check';

import { REGISTER_ACCOUNT_FIELDS } from '../../../../nodes/BizKitHub/api/contract';
import { classifyResponse } from '../../../../nodes/BizKitHub/transport/classifyResponse';
import { SECRET_PIECE_LENGTH, redactSecrets } from '../../../../nodes/BizKitHub/transport/redact';
import { validateCustomer } from '../../../../nodes/BizKitHub/validation/validateCustomer';
import { expectEveryItemOnce, INVALID, SUCCESS } from '../../../helpers/outputs';
import { autoMapParameters } from '../../../helpers/parameters';
import { runWorkflow } from '../../../helpers/runWorkflow';

const RUNS = { numRuns: 1000 };

/** Values as they come from webhooks, CSV files and CRMs: anything JSON, and field-shaped text. */
const plausible: Record<string, fc.Arbitrary<unknown>> = {
	email: fc.oneof(
		fc.emailAddress().map((address) => ` ${address.toUpperCase()} `),
		fc.emailAddress(),
	),
	password: fc.string({ minLength: 1 }),
	phone: fc.constantFrom(
		'+420777123456',
		'+420 777 123 456',
		'00420777123456',
		'+1 (415) 555-0100',
		'777 123 456',
	),
	country: fc.constantFrom('cz', ' SK ', 'us', 'XX'),
	primaryLocale: fc.constantFrom('cs_CZ', 'en', 'EN-us', 'english'),
	newsletter: fc.constantFrom(true, 'yes', 'No', 1, 0, 'maybe'),
	groups: fc.oneof(fc.array(fc.string()), fc.string()),
	customerRealIp: fc.constantFrom('::1', 'localhost', '10.0.0.1', '2001:db8::1', 'nope'),
	referralId: fc.constantFrom('ABCDEFGH12345678', 'short'),
	returnUrl: fc.constantFrom('https://shop.example.com/thanks', 'ftp://x', 'not a url'),
};

const anyValue = fc.oneof(fc.jsonValue(), fc.constantFrom(undefined, null, '', '   '));

/** A customer record: every API field absent, any JSON value, or a plausible value. */
const customerRecord = fc.record(
	Object.fromEntries(
		REGISTER_ACCOUNT_FIELDS.map((field) => [
			field.id,
			plausible[field.id] ? fc.oneof(anyValue, plausible[field.id], plausible[field.id]) : anyValue,
		]),
	),
	{ requiredKeys: [] },
) as fc.Arbitrary<Record<string, unknown>>;

const defaultPhoneCountry = fc.constantFrom('', 'CZ', 'us', 'XX', ' de ');

describe('validation', () => {
	test('never throws, and says valid with a body or invalid with at least one issue', () => {
		fc.assert(
			fc.property(customerRecord, defaultPhoneCountry, (record, country) => {
				const result = validateCustomer(record, { defaultPhoneCountry: country });
				if (result.valid) {
					expect(typeof result.body.email).toBe('string');
					expect(typeof result.body.password).toBe('string');
				} else {
					expect(result.issues.length).toBeGreaterThan(0);
				}
			}),
			RUNS,
		);
	});

	test('normalizing twice gives what normalizing once gave', () => {
		fc.assert(
			fc.property(customerRecord, defaultPhoneCountry, (record, country) => {
				const once = validateCustomer(record, { defaultPhoneCountry: country });
				if (!once.valid) return;
				const twice = validateCustomer(once.body, { defaultPhoneCountry: country });
				expect(twice).toEqual(once);
			}),
			RUNS,
		);
	});

	test('in the node, every item of a batch lands on exactly one output', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(customerRecord, { minLength: 1, maxLength: 4 }), async (items) => {
				const result = await runWorkflow({
					items,
					parameters: autoMapParameters({ validateOnly: true }),
				});
				expect(result.error).toBeUndefined();
				expectEveryItemOnce(result, items.length);
				const used = result.outputs.flatMap((output, index) => (output.length ? [index] : []));
				for (const output of used) expect([SUCCESS, INVALID]).toContain(output);
			}),
			RUNS,
		);
	});
});

describe('answer classification', () => {
	const body = fc.oneof(
		fc.string(),
		fc.jsonValue().map((value) => JSON.stringify(value)),
		fc
			.record(
				{
					success: fc.oneof(fc.boolean(), fc.jsonValue()),
					errorCode: fc.oneof(fc.constantFrom('E001', 'E002', 'E003', 'E004', 'E999'), fc.string()),
					message: fc.string(),
				},
				{ requiredKeys: [] },
			)
			.map((value) => JSON.stringify(value)),
	);

	test('says registered only for a 2xx whose body is JSON with success: true', () => {
		fc.assert(
			fc.property(fc.integer({ min: 100, max: 599 }), body, (statusCode, text) => {
				const outcome = classifyResponse({ statusCode, body: text });
				if (outcome.kind !== 'registered') return;
				expect(statusCode).toBeGreaterThanOrEqual(200);
				expect(statusCode).toBeLessThan(300);
				expect((JSON.parse(text) as { success: unknown }).success).toBe(true);
			}),
			RUNS,
		);
	});
});

describe('redaction', () => {
	const MARKER = '[redacted]';

	/** How a server may echo a secret, including cut short at some point. */
	const encodings: Array<(secret: string) => string> = [
		(secret) => secret,
		(secret) => JSON.stringify(secret).slice(1, -1),
		(secret) => JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/'),
		(secret) =>
			JSON.stringify(secret)
				.slice(1, -1)
				.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
		(secret) => encodeURIComponent(secret),
		(secret) => encodeURIComponent(secret).replace(/%20/g, '+'),
		(secret) => secret.replace(/\s+/g, ' '),
	];

	const secretText = fc.string({
		unit: fc.oneof(
			fc.constantFrom(' ', '  ', '"', "'", '\\', '/', '\t', '\n', 'ü', '€', '😀', '&', '='),
			fc.string({ minLength: 1, maxLength: 1 }),
			fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' }),
		),
		minLength: 1,
		maxLength: 40,
	});

	/** The pieces no message may show: for a secret this long or more, each piece of that length. */
	function pieces(secret: string): string[] {
		const forms = [secret, secret.replace(/\s+/g, ' ').trim()].filter((form) => form !== '');
		return forms.flatMap((form) =>
			form.length < SECRET_PIECE_LENGTH
				? []
				: Array.from({ length: form.length - SECRET_PIECE_LENGTH + 1 }, (_, start) =>
						form.slice(start, start + SECRET_PIECE_LENGTH),
					),
		);
	}

	test('no piece of 6 characters of any secret survives, in whatever form it was echoed', () => {
		fc.assert(
			fc.property(
				fc.array(secretText, { minLength: 1, maxLength: 3 }),
				fc.array(
					fc.record({
						before: fc.string({ maxLength: 120 }),
						secret: fc.nat(),
						encoding: fc.nat({ max: encodings.length - 1 }),
						cutTo: fc.option(fc.nat()),
					}),
					{ minLength: 1, maxLength: 4 },
				),
				fc.integer({ min: 20, max: 300 }),
				(secrets, echoes, maxLength) => {
					fc.pre(secrets.every((secret) => !secret.includes('\u0000')));
					let body = '';
					for (const echo of echoes) {
						let echoed = encodings[echo.encoding](secrets[echo.secret % secrets.length]);
						if (echo.cutTo !== null) echoed = echoed.slice(0, echo.cutTo % (echoed.length + 1));
						body += echo.before + echoed;
					}
					const shown = redactSecrets(body, secrets, maxLength).split(MARKER).join('\u0000');
					const leaked = secrets.flatMap((secret) =>
						encodings.flatMap((encoding) =>
							pieces(encoding(secret)).filter((piece) => shown.includes(piece)),
						),
					);
					expect(leaked).toEqual([]);
				},
			),
			RUNS,
		);
	});

	test('in a classified answer, the message keeps its own words and shows no piece of a secret', () => {
		fc.assert(
			fc.property(secretText, fc.integer({ min: 0, max: 6 }), (password, encoding) => {
				const words = 'BizKitHub answered HTTP 500 with a body that is not JSON: ';
				fc.pre(pieces(password).every((piece) => !words.includes(piece)));
				const body = `oops ${encodings[encoding](password)} happened`;
				const outcome = classifyResponse({ statusCode: 500, body }, [password]);
				expect(outcome.kind).toBe('failed');
				const message = (outcome as { message: string }).message;
				expect(message.startsWith(words)).toBe(true);
				for (const piece of pieces(password)) expect(message).not.toContain(piece);
			}),
			RUNS,
		);
	});
});
