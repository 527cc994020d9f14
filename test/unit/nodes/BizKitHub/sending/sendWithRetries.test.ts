import { RateLimitGate } from '../../../../../nodes/BizKitHub/sending/rateLimitGate';
import { sendWithRetries } from '../../../../../nodes/BizKitHub/sending/sendWithRetries';
import type { Attempt } from '../../../../../nodes/BizKitHub/transport/apiRequest';

const messageOf = (outcome: { kind: string }) =>
	'message' in outcome ? String(outcome.message) : outcome.kind;

const rateLimitedNow: Attempt = {
	outcome: { kind: 'failed', httpCode: 429, message: 'BizKitHub answered HTTP 429' },
	headers: { 'retry-after': '0' },
};
const timedOut: Attempt = {
	outcome: { kind: 'failed', message: 'no whole answer came', cause: 'TIMED_OUT' },
};
const answer500: Attempt = {
	outcome: { kind: 'failed', httpCode: 500, message: 'BizKitHub answered HTTP 500' },
};

describe("an item's rate-limit waiting", () => {
	test('a server that refuses with no usable wait holds the item no longer than Max Rate-Limit Wait', async () => {
		const gate = new RateLimitGate(Number.POSITIVE_INFINITY, Date.now, undefined, {
			backoffBaseMs: 100,
			backoffCapMs: 200,
		});
		let sent = 0;
		const started = Date.now();
		const result = await sendWithRetries(
			async () => {
				sent++;
				return rateLimitedNow;
			},
			{ maxAttempts: 4, maxRateLimitWaitMs: 1000 },
			gate,
		);
		expect(messageOf(result.outcome)).toMatch(
			/^BizKitHub's rate limit kept refusing the item: \d+ s of waiting in all, longer than the Max Rate-Limit Wait of 1 s$/,
		);
		// Backoff of 100 to 200 ms: a handful of tries in that second, not the 50 refusals of old.
		expect(sent).toBeGreaterThan(2);
		expect(sent).toBeLessThan(20);
		// It fails once the next wait would take it past the second, not after.
		expect(Date.now() - started).toBeLessThan(1500);
	});
});

describe('an item that finally fails says whether the address may already be registered', () => {
	const run = (answers: Attempt[], maxAttempts: number) => {
		const queue = [...answers];
		return sendWithRetries(
			async () => queue.shift()!,
			{ maxAttempts, maxRateLimitWaitMs: 0 },
			new RateLimitGate(0),
		);
	};

	test('after attempts that timed out', async () => {
		const result = await run([timedOut, timedOut], 2);
		expect(result.mayHaveRegistered).toBe(true);
	});

	test('after an unnamed server error, even on the only attempt', async () => {
		expect((await run([answer500], 1)).mayHaveRegistered).toBe(true);
	});

	test('after a wait too long that followed an attempt with no answer', async () => {
		const gate = new RateLimitGate(0);
		const queue: Attempt[] = [timedOut, { ...rateLimitedNow, headers: { 'retry-after': '60' } }];
		const result = await sendWithRetries(
			async () => queue.shift()!,
			{ maxAttempts: 3, maxRateLimitWaitMs: 5000 },
			gate,
		);
		expect(messageOf(result.outcome)).toMatch(/asks to wait 60 s/);
		expect(result.mayHaveRegistered).toBe(true);
	});

	test('not after refusals that reached nothing', async () => {
		const refusedConnection: Attempt = {
			outcome: { kind: 'failed', message: 'refused', cause: 'ECONNREFUSED' },
		};
		expect((await run([refusedConnection, refusedConnection], 2)).mayHaveRegistered).toBe(false);
		const unauthorized: Attempt = {
			outcome: { kind: 'failed', httpCode: 401, message: 'BizKitHub answered HTTP 401' },
		};
		expect((await run([unauthorized], 2)).mayHaveRegistered).toBe(false);
	});
});
