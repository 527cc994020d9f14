/**
 * The node run end to end in n8n's execution engine (n8n-core's WorkflowExecute), talking over
 * real HTTP to the sandbox on 127.0.0.1. Nothing in the request path is mocked.
 */
import { OUTPUT_NAMES } from '../../../../../../../nodes/BizKitHub/actions/customer/registerAccount/outputs';
import { autoMapParameters, defineBelowParameters } from '../../../../../../helpers/parameters';
import { runWorkflow } from '../../../../../../helpers/runWorkflow';
import {
	E001,
	E002,
	E003,
	E004,
	ERROR_OUTPUT,
	INVALID,
	SUCCESS,
	allItems,
	emails,
	expectNoSecrets,
	pairedIndexes,
} from '../../../../../../helpers/outputs';
import { credentialsFor, useSandbox } from '../../../../../../helpers/sandbox';

const sandbox = useSandbox();

describe('a mixed batch, Map Automatically', () => {
	const items = [
		{
			email: ' New.Shopper@Example.COM ',
			password: 'pw-0',
			phone: '+420 777 123 456',
			country: 'cz',
			crmId: 'C-1',
		},
		{ email: 'flaky+e001@example.com', password: 'pw-1' },
		{ email: 'known@example.com', password: 'pw-2' },
		{ email: 'banned@example.com', password: 'pw-3' },
		{ email: 'pending@example.com', password: 'pw-4' },
		{ email: 'not-an-address', password: '', phone: '123' },
		{ email: 'second@example.com', password: 'pw-6', newsletter: 'yes', groups: 'vip, b2b' },
	];

	async function run() {
		sandbox().setCustomer('known@example.com', 'confirmed');
		sandbox().setCustomer('banned@example.com', 'banned');
		sandbox().setCustomer('pending@example.com', 'pending');
		return await runWorkflow({
			items,
			parameters: autoMapParameters(),
			credentials: credentialsFor(sandbox()),
		});
	}

	test('puts every item on the output of its outcome, in input order, paired with its input', async () => {
		const result = await run();
		expect(result.error).toBeUndefined();
		expect(result.outputs).toHaveLength(OUTPUT_NAMES.length);
		expect(emails(result.outputs[SUCCESS])).toEqual([
			'New.Shopper@example.com',
			'second@example.com',
		]);
		expect(pairedIndexes(result.outputs[SUCCESS])).toEqual([0, 6]);
		expect(result.outputs[SUCCESS].every((item) => item.json.success === true)).toBe(true);

		for (const [output, index, code, message] of [
			[E001, 1, 'E001', 'Customer register failed.'],
			[E002, 2, 'E002', 'Customer has been registered.'],
			[E003, 3, 'E003', 'Customer account has been banned.'],
			[E004, 4, 'E004', 'Too many registration attempts.'],
		] as const) {
			expect(result.outputs[output]).toEqual([
				{
					json: {
						success: false,
						email: items[index].email,
						errorCode: code,
						message,
						attempts: 1,
						customer: { email: items[index].email },
					},
					pairedItem: { item: index },
				},
			]);
		}

		expect(result.outputs[INVALID]).toHaveLength(1);
		const invalid = result.outputs[INVALID][0];
		expect(invalid.pairedItem).toEqual({ item: 5 });
		expect(invalid.json).toEqual({
			success: false,
			email: 'not-an-address',
			errorCode: 'INVALID_INPUT',
			message: expect.stringMatching(
				/^Item 5 is invalid: email .*; password is required; phone .*/,
			),
			attempts: 0,
			issues: [
				{ field: 'email', message: 'must be a valid e-mail address' },
				{ field: 'password', message: 'is required' },
				{ field: 'phone', message: expect.stringMatching(/no country calling code/) },
			],
		});
		expect(allItems(result)).toHaveLength(items.length);
	});

	test('sends only the valid items, normalized, with the key as the apiKey query parameter', async () => {
		await run();
		const sent = sandbox().registrations();
		expect(sent.map((request) => request.body.email).sort()).toEqual(
			[
				'New.Shopper@example.com',
				'banned@example.com',
				'flaky+e001@example.com',
				'known@example.com',
				'pending@example.com',
				'second@example.com',
			].sort(),
		);
		for (const request of sent) expect(request.apiKey).toBe(sandbox().keys.dev);
		const first = sent.find((request) => request.body.email === 'New.Shopper@example.com');
		expect(first?.body).toEqual({
			email: 'New.Shopper@example.com',
			password: 'pw-0',
			phone: '+420 777123456',
			country: 'CZ',
		});
		const second = sent.find((request) => request.body.email === 'second@example.com');
		expect(second?.body).toEqual({
			email: 'second@example.com',
			password: 'pw-6',
			newsletter: true,
			groups: ['vip', 'b2b'],
		});
	});

	test('no output holds a password or the API key', async () => {
		const result = await run();
		expectNoSecrets(result, [
			sandbox().keys.dev,
			...items.map((item) => item.password).filter(Boolean),
		]);
		expect(result.outputs[SUCCESS][0].json.customer).toEqual({
			email: 'New.Shopper@example.com',
			phone: '+420 777123456',
			country: 'CZ',
		});
	});
});

describe('Map Each Field Below', () => {
	test('maps differently named input fields with expressions, and fixed values', async () => {
		const result = await runWorkflow({
			items: [
				{
					mail: 'Ada@Example.com',
					secret: 's3cret',
					tel: '777 123 456',
					lang: 'en_GB',
					tags: ['a', 'b'],
				},
				{ mail: 'bob@example.com', secret: 'x', tel: '', lang: 'cs', tags: [] },
			],
			parameters: defineBelowParameters(
				{
					email: '={{ $json.mail }}',
					password: '={{ $json.secret }}',
					phone: '={{ $json.tel }}',
					primaryLocale: '={{ $json.lang }}',
					groups: '={{ $json.tags }}',
					newsletter: true,
					returnUrl: 'https://shop.example.com/welcome',
				},
				{ defaultPhoneCountry: 'CZ' },
			),
			credentials: credentialsFor(sandbox()),
		});
		expect(result.error).toBeUndefined();
		expect(emails(result.outputs[SUCCESS])).toEqual(['Ada@example.com', 'bob@example.com']);
		expect(
			sandbox()
				.registrations()
				.map((request) => request.body),
		).toEqual(
			expect.arrayContaining([
				{
					email: 'Ada@example.com',
					password: 's3cret',
					phone: '+420 777123456',
					primaryLocale: 'en-GB',
					groups: ['a', 'b'],
					newsletter: true,
					returnUrl: 'https://shop.example.com/welcome',
				},
				{
					email: 'bob@example.com',
					password: 'x',
					primaryLocale: 'cs',
					newsletter: true,
					returnUrl: 'https://shop.example.com/welcome',
				},
			]),
		);
	});

	test('reports invalid mapped values on the Invalid output, naming the item and the fields', async () => {
		const result = await runWorkflow({
			items: [{ mail: 'ok@example.com', ip: '999.1.1.1', ref: 'short' }],
			parameters: defineBelowParameters({
				email: '={{ $json.mail }}',
				password: 'pw',
				customerRealIp: '={{ $json.ip }}',
				referralId: '={{ $json.ref }}',
			}),
			credentials: credentialsFor(sandbox()),
		});
		expect(result.outputs[INVALID][0].json.message).toBe(
			'Item 0 is invalid: customerRealIp must be a valid IPv4 or IPv6 address; referralId must be exactly 16 letters or digits',
		);
		expect(sandbox().registrations()).toHaveLength(0);
	});
});

describe('Validate Only', () => {
	test('sends nothing, and routes valid items to Success marked validateOnly, without needing a credential', async () => {
		const result = await runWorkflow({
			items: [
				{ email: 'a@Example.com', password: 'x', phone: '+1 (415) 555-0100' },
				{ email: 'a@example.com', password: 'y' },
				{ email: 'broken', password: 'z' },
			],
			parameters: autoMapParameters({ validateOnly: true }),
		});
		expect(result.error).toBeUndefined();
		expect(sandbox().requests).toHaveLength(0);
		expect(result.outputs[SUCCESS]).toEqual([
			{
				json: {
					success: false,
					validateOnly: true,
					email: 'a@example.com',
					attempts: 0,
					customer: { email: 'a@example.com', phone: '+1 4155550100' },
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(pairedIndexes(result.outputs[INVALID])).toEqual([1, 2]);
		expect(result.outputs[INVALID][0].json.issues).toEqual([
			{ field: 'email', message: 'is the same address as item 0 of this run' },
		]);
	});
});

describe('duplicate addresses in one run', () => {
	test('the later item goes to Invalid naming the earlier one, and the address is sent once', async () => {
		const result = await runWorkflow({
			items: [
				{ email: 'twice@example.com', password: 'a' },
				{ email: 'other@example.com', password: 'b' },
				{ email: 'TWICE@Example.com', password: 'c' },
			],
			parameters: autoMapParameters(),
			credentials: credentialsFor(sandbox()),
		});
		expect(pairedIndexes(result.outputs[SUCCESS])).toEqual([0, 1]);
		expect(result.outputs[INVALID]).toEqual([
			{
				json: expect.objectContaining({
					email: 'TWICE@Example.com',
					errorCode: 'INVALID_INPUT',
					issues: [{ field: 'email', message: 'is the same address as item 0 of this run' }],
				}),
				pairedItem: { item: 2 },
			},
		]);
		expect(sandbox().registrations()).toHaveLength(2);
	});

	test('an earlier item that was itself invalid does not block the address', async () => {
		const result = await runWorkflow({
			items: [
				{ email: 'same@example.com', password: '' },
				{ email: 'same@example.com', password: 'fixed' },
			],
			parameters: autoMapParameters(),
			credentials: credentialsFor(sandbox()),
		});
		expect(pairedIndexes(result.outputs[INVALID])).toEqual([0]);
		expect(pairedIndexes(result.outputs[SUCCESS])).toEqual([1]);
	});
});

describe('failures that are not documented answers', () => {
	const items = [
		{ email: 'one@example.com', password: 'pw-one' },
		{ email: 'two+fail500@example.com', password: 'pw-two' },
		{ email: 'three+garbage@example.com', password: 'pw-three' },
		{ email: 'four+hangup@example.com', password: 'pw-four' },
		{ email: 'five@example.com', password: 'pw-five' },
	];
	const passwords = items.map((item) => item.password);

	test('with "Continue (using error output)" each goes to the Error output and the rest carry on', async () => {
		const result = await runWorkflow({
			items,
			parameters: autoMapParameters(),
			credentials: credentialsFor(sandbox()),
			onError: 'continueErrorOutput',
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs).toHaveLength(OUTPUT_NAMES.length + 1);
		expect(pairedIndexes(result.outputs[SUCCESS])).toEqual([0, 4]);
		expect(pairedIndexes(result.outputs[ERROR_OUTPUT])).toEqual([1, 2, 3]);
		const messages = result.outputs[ERROR_OUTPUT].map((item) => item.json.error);
		expect(messages[0]).toBe(
			'Item 1: BizKitHub answered HTTP 500 with error INTERNAL_SERVER_ERROR: Something went wrong.',
		);
		expect(messages[1]).toMatch(
			/^Item 2: BizKitHub answered HTTP 200 with a body that is not JSON: <html>/,
		);
		expect(messages[2]).toMatch(
			/^Item 3: BizKitHub could not be reached at http:\/\/127\.0\.0\.1:\d+\/api\/v1\/customer\/register-account: the connection was reset\. An attempt may have reached BizKitHub, so the address may already be registered\.$/,
		);
		expectNoSecrets(result, [sandbox().keys.dev, ...passwords]);
	});

	test('with "Continue" they stay on Success, but never with success: true', async () => {
		const result = await runWorkflow({
			items,
			parameters: autoMapParameters(),
			credentials: credentialsFor(sandbox()),
			onError: 'continueRegularOutput',
		});
		expect(pairedIndexes(result.outputs[SUCCESS])).toEqual([0, 1, 2, 3, 4]);
		const failed = result.outputs[SUCCESS].filter((item) => item.json.error !== undefined);
		expect(pairedIndexes(failed)).toEqual([1, 2, 3]);
		for (const item of failed) expect(item.json.success).not.toBe(true);
		expectNoSecrets(result, [sandbox().keys.dev, ...passwords]);
	});

	test('without continuing, the run stops with an error naming the item, the status and the code, and what to do', async () => {
		const result = await runWorkflow({
			items,
			parameters: autoMapParameters(),
			credentials: credentialsFor(sandbox()),
		});
		expect(result.error?.message).toBe(
			'Item 1: BizKitHub answered HTTP 500 with error INTERNAL_SERVER_ERROR: Something went wrong.',
		);
		expect(result.error?.description).toBe(
			'HTTP status: 500. BizKitHub error code: INTERNAL_SERVER_ERROR. Attempts: 1. BizKitHub failed on its side: try the item again later.',
		);
		expect(result.error?.context?.itemIndex).toBe(1);
		expectNoSecrets(result, [sandbox().keys.dev, ...passwords]);
	});

	test('a redirect is not followed: the body with the password is not sent on', async () => {
		const result = await runWorkflow({
			items: [{ email: 'six+moved@example.com', password: 'pw-six' }],
			parameters: autoMapParameters(),
			credentials: credentialsFor(sandbox()),
			onError: 'continueErrorOutput',
		});
		expect(result.outputs[ERROR_OUTPUT].map((item) => item.json.error)).toEqual([
			'Item 0: BizKitHub answered HTTP 307 with error MOVED: Moved.',
		]);
		expect(sandbox().registrations()).toHaveLength(1);
		expectNoSecrets(result, [sandbox().keys.dev, 'pw-six']);
	});

	test('an unknown key: the platform error is named, the key is not', async () => {
		const result = await runWorkflow({
			items: [{ email: 'x@example.com', password: 'pw' }],
			parameters: autoMapParameters(),
			credentials: credentialsFor(sandbox(), sandbox().keys.unknown),
		});
		expect(result.error?.message).toBe(
			'Item 0: BizKitHub answered HTTP 500 with error PUBLIC_API_KEY_DOES_NOT_EXIST: Public API key does not exist.',
		);
		expectNoSecrets(result, [sandbox().keys.unknown, 'pw']);
	});

	test('a key that does not have the documented format is refused before any request', async () => {
		const badKey = 'not-a-bizkithub-key';
		const result = await runWorkflow({
			items: [{ email: 'x@example.com', password: 'pw' }],
			parameters: autoMapParameters(),
			credentials: credentialsFor(sandbox(), badKey),
		});
		expect(result.error?.message).toMatch(
			/does not have the documented format: 32 characters, starting with PROD, DEV_ or ROOT/,
		);
		expect(sandbox().requests).toHaveLength(0);
		expectNoSecrets(result, [badKey]);
	});

	test('a server that is down: connection refused, named per item on the error output', async () => {
		const { url } = sandbox();
		await sandbox().close();
		const result = await runWorkflow({
			items: [
				{ email: 'x@example.com', password: 'pw' },
				{ email: 'y@example.com', password: 'pw2' },
			],
			parameters: autoMapParameters(),
			credentials: { apiKey: sandbox().keys.dev, baseUrl: url },
			onError: 'continueErrorOutput',
		});
		expect(result.outputs[ERROR_OUTPUT].map((item) => item.json.error)).toEqual([
			`Item 0: BizKitHub could not be reached at ${url}/api/v1/customer/register-account: the connection was refused`,
			`Item 1: BizKitHub could not be reached at ${url}/api/v1/customer/register-account: the connection was refused`,
		]);
	});

	test('an expression that fails for one item sends that item to the error output only', async () => {
		const result = await runWorkflow({
			items: [{ mail: 'a@example.com' }, { mail: 'b@example.com', bad: true }],
			parameters: defineBelowParameters({
				email: '={{ $json.mail }}',
				password: '={{ $json.bad ? $("No Such Node").item.json.pw : "pw" }}',
			}),
			credentials: credentialsFor(sandbox()),
			onError: 'continueErrorOutput',
		});
		expect(pairedIndexes(result.outputs[SUCCESS])).toEqual([0]);
		expect(pairedIndexes(result.outputs[ERROR_OUTPUT])).toEqual([1]);
		expect(result.outputs[ERROR_OUTPUT][0].json.error).toBe(
			"Item 1: a mapped field could not be read: Referenced node doesn't exist",
		);
	});
});

describe('concurrency', () => {
	const slowSandbox = useSandbox({ latencyMs: 40 });

	test.each([
		[undefined, 5],
		[3, 3],
		[1, 1],
	])(
		'options.concurrency %s keeps %i requests in flight and output order stays input order',
		async (concurrency, expected) => {
			const items = Array.from({ length: 15 }, (_, index) => ({
				email: `c${index}@example.com`,
				password: `pw${index}`,
			}));
			const result = await runWorkflow({
				items,
				parameters: autoMapParameters(concurrency === undefined ? {} : { concurrency }),
				credentials: credentialsFor(slowSandbox()),
			});
			expect(slowSandbox().stats.maxInFlight).toBe(expected);
			expect(pairedIndexes(result.outputs[SUCCESS])).toEqual(items.map((_, index) => index));
			expect(emails(result.outputs[SUCCESS])).toEqual(items.map((item) => item.email));
		},
	);
});
