/**
 * Retries and rate limits, with the node run in n8n-core's WorkflowExecute against the sandbox
 * over real HTTP.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { E001, E004, ERROR_OUTPUT, SUCCESS } from '../../../../../../helpers/outputs';
import { autoMapParameters } from '../../../../../../helpers/parameters';
import { runWorkflow } from '../../../../../../helpers/runWorkflow';
import { credentialsFor, useSandbox } from '../../../../../../helpers/sandbox';

const paired = (items: INodeExecutionData[]) =>
	items.map((item) => (item.pairedItem as { item: number }).item);

describe('failures before an answer are tried again', () => {
	const sandbox = useSandbox();

	test('cut connections and 503s are retried until BizKitHub answers; each item says how many attempts it took', async () => {
		const result = await runWorkflow({
			items: [
				{ email: 'a+hangup2@example.com', password: 'pw' },
				{ email: 'b+busy1@example.com', password: 'pw' },
				{ email: 'c@example.com', password: 'pw' },
			],
			parameters: autoMapParameters(),
			credentials: credentialsFor(sandbox()),
		});
		expect(result.outputs[SUCCESS].map((item) => [item.json.email, item.json.attempts])).toEqual([
			['a+hangup2@example.com', 3],
			['b+busy1@example.com', 2],
			['c@example.com', 1],
		]);
		expect(
			sandbox()
				.registrations()
				.filter((request) => request.body.email === 'a+hangup2@example.com'),
		).toHaveLength(3);
	});

	test('an answer of BizKitHub is never sent again, even E001', async () => {
		const result = await runWorkflow({
			items: [{ email: 'x+e001@example.com', password: 'pw' }],
			parameters: autoMapParameters(),
			credentials: credentialsFor(sandbox()),
		});
		expect(result.outputs[E001][0].json.attempts).toBe(1);
		expect(sandbox().registrations()).toHaveLength(1);
	});

	test('attempts are bounded by Max Attempts, and the error says how many were made', async () => {
		const result = await runWorkflow({
			items: [{ email: 'down+hangup@example.com', password: 'pw' }],
			parameters: autoMapParameters({ maxAttempts: 3 }),
			credentials: credentialsFor(sandbox()),
		});
		expect(result.error?.message).toMatch(
			/^Item 0: BizKitHub could not be reached .*: the connection was reset\. An attempt may have reached BizKitHub, so the address may already be registered\.$/,
		);
		expect(result.error?.description).toMatch(
			/Attempts: 3\. BizKitHub did not answer in time: try the item again later, or raise/,
		);
		expect(sandbox().registrations()).toHaveLength(3);
	});

	test('an E004 after an attempt whose answer was lost says this run may have registered the address', async () => {
		const result = await runWorkflow({
			items: [{ email: 'lucky+lost1@example.com', password: 'pw' }],
			parameters: autoMapParameters(),
			credentials: credentialsFor(sandbox()),
		});
		expect(result.outputs[E004][0].json).toMatchObject({
			errorCode: 'E004',
			attempts: 2,
			earlierAttemptMayHaveRegistered: true,
			note: expect.stringMatching(/this run may itself have registered the address/),
		});
	});

	test('the request timeout counts as a failure before an answer, and is retried', async () => {
		const result = await runWorkflow({
			items: [{ email: 'slow+stall1@example.com', password: 'pw' }],
			parameters: autoMapParameters({ timeout: 300 }),
			credentials: credentialsFor(sandbox()),
		});
		expect(result.outputs[SUCCESS][0].json).toMatchObject({
			email: 'slow+stall1@example.com',
			attempts: 2,
		});
	});
});

describe('rate limits', () => {
	const limited = useSandbox({ rateLimit: { limit: 20, windowMs: 1000, burst: 5 } });

	test('a batch larger than the burst is paced under the limit: nothing lost, every item registered', async () => {
		const items = Array.from({ length: 40 }, (_, index) => ({
			email: `paced${index}@example.com`,
			password: `pw${index}`,
		}));
		const started = Date.now();
		const result = await runWorkflow({
			items,
			parameters: autoMapParameters(),
			credentials: credentialsFor(limited()),
		});
		const elapsed = Date.now() - started;
		expect(result.error).toBeUndefined();
		expect(paired(result.outputs[SUCCESS])).toEqual(items.map((_, index) => index));
		// 40 requests at 20 a second after a burst of 5 cannot take less than (40 - 5) / 20 s.
		expect(elapsed).toBeGreaterThanOrEqual(1700);
		expect(
			new Set(
				limited()
					.registrations()
					.filter((request) => !request.rateLimited)
					.map((request) => request.body.email),
			).size,
		).toBe(40);
	});

	test('a 429 is waited out as Retry-After says and the item is sent again', async () => {
		const items = Array.from({ length: 8 }, (_, index) => ({
			email: `burst${index}@example.com`,
			password: 'pw',
		}));
		const result = await runWorkflow({
			items,
			parameters: autoMapParameters({ concurrency: 8 }),
			credentials: credentialsFor(limited()),
		});
		expect(paired(result.outputs[SUCCESS])).toEqual(items.map((_, index) => index));
		const attempts = result.outputs[SUCCESS].map((item) => item.json.attempts as number);
		expect(attempts.reduce((sum, count) => sum + count, 0)).toBe(limited().registrations().length);
	});
});

describe('a rate limit that asks for a longer wait than allowed', () => {
	const strict = useSandbox({ rateLimit: { limit: 1, windowMs: 20_000, burst: 1 } });

	test('fails the items that would wait, saying how long the API asked to wait', async () => {
		const before = Date.now();
		const result = await runWorkflow({
			items: [
				{ email: 'first@example.com', password: 'pw' },
				{ email: 'second@example.com', password: 'pw' },
			],
			parameters: autoMapParameters({ concurrency: 1, maxRateLimitWait: 2 }),
			credentials: credentialsFor(strict()),
			onError: 'continueErrorOutput',
		});
		expect(paired(result.outputs[SUCCESS])).toEqual([0]);
		expect(result.outputs[ERROR_OUTPUT].map((item) => item.json.error)).toEqual([
			expect.stringMatching(
				// The reset is a whole second, rounded up: 20 s of refill reads as 20 or 21 s from now.
				/^Item 1: BizKitHub's rate limit asks to wait 2[01] s before the next request, longer than the Max Rate-Limit Wait of 2 s\. 1 of the run's 2 items to send was held back by the rate limit\. RATE_LIMITED until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
			),
		]);
		// The code and when the quota frees end the message (all n8n keeps of a failed item on the
		// Error output): about 20 s on.
		const [failed] = result.outputs[ERROR_OUTPUT];
		const until = String(failed.json.error).split('RATE_LIMITED until ')[1];
		expect(Date.parse(until) - before).toBeGreaterThanOrEqual(18_000);
		expect(Date.parse(until) - Date.now()).toBeLessThanOrEqual(22_000);
		// The first answer said no quota left until a reset 20 s away. A reset may be when the whole
		// quota is back rather than the next request, so the second item asks once (its 429 states
		// the wait) before it fails; nothing more is sent.
		expect(
			strict()
				.registrations()
				.map((request) => request.rateLimited ?? false),
		).toEqual([false, true]);
	});

	test('without "On Error: Continue", the node error counts the items the run left unsent', async () => {
		const result = await runWorkflow({
			items: ['one', 'two', 'three'].map((name) => ({
				email: `${name}@example.com`,
				password: 'pw',
			})),
			parameters: autoMapParameters({ concurrency: 1, maxRateLimitWait: 2 }),
			credentials: credentialsFor(strict()),
		});
		// The first was sent; the second failed on the rate limit, and the run stopped before the third.
		expect(result.error?.message).toMatch(
			/^Item 1: BizKitHub's rate limit asks to wait \d+ s before the next request, longer than the Max Rate-Limit Wait of 2 s\. 2 of the run's 3 items to send were held back by the rate limit\. RATE_LIMITED until /,
		);
		expect(result.error?.description).toMatch(/code RATE_LIMITED/);
	});
});

describe('a rate-limited item whose earlier attempt got no answer', () => {
	const two = useSandbox({ rateLimit: { limit: 2, windowMs: 20_000, burst: 2 } });

	test('still ends its message with RATE_LIMITED and the time, after saying it may be registered', async () => {
		const result = await runWorkflow({
			items: [
				{ email: 'first@example.com', password: 'pw' },
				// Hangs up once: sent again, then refused until its wait runs out.
				{ email: 'b+hangup1@example.com', password: 'pw' },
			],
			parameters: autoMapParameters({ concurrency: 1, maxRateLimitWait: 2 }),
			credentials: credentialsFor(two()),
			onError: 'continueErrorOutput',
		});
		const [failed] = result.outputs[ERROR_OUTPUT];
		expect(String(failed.json.error)).toMatch(
			/may already be registered\. 1 of the run's 2 items to send was held back by the rate limit\. RATE_LIMITED until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
		);
	});
});
