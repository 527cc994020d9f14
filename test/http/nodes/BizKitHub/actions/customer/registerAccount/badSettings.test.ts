/**
 * Settings a careful user may get wrong, run in n8n-core's WorkflowExecute against the sandbox:
 * nothing is sent by mistake, nothing leaks, and every item is accounted for.
 */
import { MAX_TIMEOUT_MS } from '../../../../../../../nodes/BizKitHub/actions/customer/registerAccount/options';
import {
	ERROR_OUTPUT,
	INVALID,
	SUCCESS,
	expectEveryItemOnce,
	expectNoSecrets,
	pairedIndexes,
} from '../../../../../../helpers/outputs';
import { autoMapParameters } from '../../../../../../helpers/parameters';
import { runWorkflow } from '../../../../../../helpers/runWorkflow';
import { credentialsFor, useSandbox } from '../../../../../../helpers/sandbox';

const sandbox = useSandbox();

describe('Validate Only', () => {
	test.each([true, 'true', 'TRUE', 1, '1', 'yes', ' Yes '])(
		'%j sends nothing',
		async (validateOnly) => {
			const result = await runWorkflow({
				items: [
					{ email: 'a@example.com', password: 'pw-a' },
					{ email: 'b@example.com', password: 'pw-b' },
				],
				parameters: autoMapParameters({ validateOnly }),
				credentials: credentialsFor(sandbox()),
			});
			expect(result.error).toBeUndefined();
			expect(sandbox().requests).toHaveLength(0);
			expect(result.outputs[SUCCESS].map((item) => item.json.validateOnly)).toEqual([true, true]);
		},
	);

	test.each([false, 'false', 0, 'no'])('%j sends', async (validateOnly) => {
		await runWorkflow({
			items: [{ email: 'a@example.com', password: 'pw-a' }],
			parameters: autoMapParameters({ validateOnly }),
			credentials: credentialsFor(sandbox()),
		});
		expect(sandbox().registrations()).toHaveLength(1);
	});

	test('is read per item: an expression sends only the items it says to send', async () => {
		const result = await runWorkflow({
			items: [
				{ email: 'real@example.com', password: 'pw-1', dryRun: false },
				{ email: 'dry@example.com', password: 'pw-2', dryRun: true },
				{ email: 'dry2@example.com', password: 'pw-3', dryRun: 'yes' },
			],
			parameters: autoMapParameters({ validateOnly: '={{ $json.dryRun }}' }),
			credentials: credentialsFor(sandbox()),
		});
		expect(
			sandbox()
				.registrations()
				.map((request) => request.body.email),
		).toEqual(['real@example.com']);
		expect(result.outputs[SUCCESS].map((item) => [item.json.email, item.json.success])).toEqual([
			['real@example.com', true],
			['dry@example.com', false],
			['dry2@example.com', false],
		]);
	});

	test('an item checked first with Validate Only does not keep the same address from being sent later', async () => {
		const result = await runWorkflow({
			items: [
				{ email: 'jane@example.com', password: 'pw-1', dryRun: true },
				{ email: 'Jane@example.com', password: 'pw-2', dryRun: false },
				{ email: 'jane@EXAMPLE.com', password: 'pw-3', dryRun: false },
			],
			parameters: autoMapParameters({ validateOnly: '={{ $json.dryRun }}' }),
			credentials: credentialsFor(sandbox()),
		});
		expect(
			sandbox()
				.registrations()
				.map((request) => request.body.email),
		).toEqual(['Jane@example.com']);
		expect(pairedIndexes(result.outputs[SUCCESS])).toEqual([0, 1]);
		expect(pairedIndexes(result.outputs[INVALID])).toEqual([2]);
		expect(result.outputs[INVALID][0].json.message).toMatch(/same address as item 1 /);
	});

	test('a value that is not a boolean is a configuration error naming the item, and nothing is sent', async () => {
		const result = await runWorkflow({
			items: [
				{ email: 'a@example.com', password: 'pw-a', dryRun: false },
				{ email: 'b@example.com', password: 'pw-b', dryRun: 'maybe' },
			],
			parameters: autoMapParameters({ validateOnly: '={{ $json.dryRun }}' }),
			credentials: credentialsFor(sandbox()),
		});
		expect(result.error?.message).toBe(
			'Item 1: the option "Validate Only" must be true or false (or yes/no, 1/0), not "maybe". The item was not sent.',
		);
		expect(sandbox().requests).toHaveLength(0);
	});

	test('an empty value is refused too, and with the error output only that item goes there', async () => {
		const result = await runWorkflow({
			items: [
				{ email: 'a@example.com', password: 'pw-a', dryRun: false },
				{ email: 'b@example.com', password: 'pw-b' },
			],
			parameters: autoMapParameters({ validateOnly: '={{ $json.dryRun }}' }),
			credentials: credentialsFor(sandbox()),
			onError: 'continueErrorOutput',
		});
		expect(pairedIndexes(result.outputs[SUCCESS])).toEqual([0]);
		expect(result.outputs[ERROR_OUTPUT].map((item) => item.json.error)).toEqual([
			'Item 1: the option "Validate Only" must be true or false (or yes/no, 1/0), not empty. The item was not sent.',
		]);
		expect(
			sandbox()
				.registrations()
				.map((request) => request.body.email),
		).toEqual(['a@example.com']);
	});
});

describe('failures of the node as a whole, with "On Error: Continue"', () => {
	const items = [
		{ email: 'one@example.com', password: 'secret-pw-one' },
		{ email: 'broken', password: 'secret-pw-two' },
		{ email: 'three@example.com', password: 'secret-pw-three' },
	];
	const passwords = items.map((item) => item.password);

	const cases = {
		'a malformed key in the credential': {
			credentials: () => ({ apiKey: 'PROD-malformed-key-value', baseUrl: sandbox().url }),
			options: {},
			message: /^Item (0|2): not sent: The BizKitHub API key does not have the documented format/,
		},
		'a credential n8n cannot load': {
			credentials: () => undefined,
			options: {},
			message: /^Item (0|2): not sent: .*credential/,
		},
		'an option expression that throws': {
			credentials: () => credentialsFor(sandbox()),
			options: { concurrency: '={{ $("Nope").item.json.x }}' },
			message: /^Item (0|2): not sent: Referenced node doesn't exist/,
		},
		'an option with a value out of range': {
			credentials: () => credentialsFor(sandbox()),
			options: { timeout: -1 },
			message: /^Item (0|2): not sent: The option "Request Timeout \(Ms\)" must be 0/,
		},
	};

	describe.each(Object.entries(cases))('%s', (_, { credentials, options, message }) => {
		test.each(['continueRegularOutput', 'continueErrorOutput'] as const)(
			'%s: every valid item is an error item of its own, the invalid one stays on Invalid, no password shows',
			async (onError) => {
				const result = await runWorkflow({
					items,
					parameters: autoMapParameters(options),
					credentials: credentials(),
					onError,
				});
				expect(result.error).toBeUndefined();
				expect(pairedIndexes(result.outputs[INVALID])).toEqual([1]);
				const failedOutput = onError === 'continueErrorOutput' ? ERROR_OUTPUT : SUCCESS;
				const failed = result.outputs[failedOutput];
				expect(pairedIndexes(failed)).toEqual([0, 2]);
				for (const item of failed) {
					expect(Object.keys(item.json)).toEqual(['error']);
					expect(item.json.error).toMatch(message);
				}
				expect((failed[1].json.error as string).startsWith('Item 2:')).toBe(true);
				expectEveryItemOnce(result, items.length);
				expectNoSecrets(result, passwords);
				expect(sandbox().requests).toHaveLength(0);
			},
		);
	});

	test('without continuing, the run stops with the error and sends nothing', async () => {
		const result = await runWorkflow({
			items,
			parameters: autoMapParameters({ timeout: 0.5 }),
			credentials: credentialsFor(sandbox()),
		});
		expect(result.error?.message).toBe(
			`The option "Request Timeout (Ms)" must be 0 (no limit) or a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, not 0.5`,
		);
		expect(sandbox().requests).toHaveLength(0);
	});
});

describe('Request Timeout', () => {
	test.each([0.5, -1, MAX_TIMEOUT_MS + 1, 2 ** 40, 'soon'])('%j is refused', async (timeout) => {
		const result = await runWorkflow({
			items: [{ email: 'a@example.com', password: 'pw' }],
			parameters: autoMapParameters({ timeout }),
			credentials: credentialsFor(sandbox()),
		});
		expect(result.error?.message).toMatch(
			/^The option "Request Timeout \(Ms\)" must be 0 \(no limit\)/,
		);
		expect(sandbox().requests).toHaveLength(0);
	});

	test('0 means no limit: a slow answer is waited for', async () => {
		const result = await runWorkflow({
			items: [{ email: 'slow+slow@example.com', password: 'pw' }],
			parameters: autoMapParameters({ timeout: 0 }),
			credentials: credentialsFor(sandbox()),
		});
		expect(result.error).toBeUndefined();
		expect(pairedIndexes(result.outputs[SUCCESS])).toEqual([0]);
		expect(result.outputs[SUCCESS][0].json.attempts).toBe(1);
	});
});
