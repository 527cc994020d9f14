/**
 * The defects a review of the old rate-limit gate found, each replayed on the simulator against
 * the node's real sending path: what the user met then, and what holds now. Each scenario is also
 * checked against every invariant.
 */
import { check } from '../../../sim/invariants';
import { idealMs } from '../../../sim/ideal';
import { EPOCH } from '../../../sim/epoch';
import { PATIENCE_MIN_MS } from '../../../nodes/BizKitHub/sending/throttle';
import type { ExecutionSpec, Scenario } from '../../../sim/scenario';
import { simulate } from '../../../sim/simulate';
import { runWorld, type ExecutionRecord, type WorldRecord } from '../../../sim/world';

const DAY_S = 86_400;

function execution(items: number, settings: Partial<ExecutionSpec> = {}): ExecutionSpec {
	return {
		items,
		concurrency: 5,
		maxRateLimitWaitS: 300,
		maxAttempts: 4,
		timeoutMs: 30_000,
		startMs: 0,
		continueOnFail: true,
		...settings,
	};
}

/** Runs a scenario, checks the invariants, and gives the world to look into. */
async function run(scenario: Scenario): Promise<WorldRecord> {
	const world = await runWorld(scenario);
	expect(check(world, idealMs(scenario)).violations).toEqual([]);
	return world;
}

const outcomes = (execution: ExecutionRecord) =>
	execution.items.map((item) => item.results[0]?.result.outcome.kind ?? 'not sent');
const endOf = (execution: ExecutionRecord) =>
	Math.max(...execution.items.map((item) => item.results[0]?.at ?? 0)) - EPOCH;

/** Runs a scenario of one execution: every item is registered, the last within `factor` of the least time. */
async function registersAllWithin(scenario: Scenario, factor: number): Promise<void> {
	const world = await run(scenario);
	const [only] = world.processes[0].executions;
	const { items } = scenario.processes[0].executions[0];
	expect(outcomes(only)).toEqual(new Array(items).fill('registered'));
	expect(endOf(only)).toBeLessThanOrEqual(factor * idealMs(scenario));
}

test('1 and 5: a long block checked after a minute, by one request, lets everyone go at its answer', async () => {
	// Retry-After: 3600, and BizKitHub accepts again from 60 s (the quota was reset). An execution
	// of 5 items with Max Rate-Limit Wait 300 s starts at 61 s. Before: 1 registered, 4 failed
	// (told "wait the rest" while the check was out), and a long limit slept on to the hour.
	const world = await run({
		seed: 1,
		limiter: { kind: 'outage', untilMs: 60_000, retryAfterS: 3600 },
		headers: 'retry-after',
		latencyMs: [50, 50],
		processes: [
			{
				executions: [
					execution(1),
					execution(5, { startMs: 61_000 }),
					execution(3, { startMs: 30_000, maxRateLimitWaitS: DAY_S }),
				],
			},
		],
	});
	const [first, late, patient] = world.processes[0].executions;
	expect(outcomes(first)).toEqual(['failed']);
	expect(outcomes(late)).toEqual(new Array(5).fill('registered'));
	// The patient execution, asleep until the hour was up, went with the check's answer.
	expect(outcomes(patient)).toEqual(new Array(3).fill('registered'));
	expect(endOf(patient)).toBeLessThan(62_000);
	expect(endOf(late)).toBeLessThan(62_000);
});

test('2: a long Retry-After on a lone request teaches no pace', async () => {
	// The first request of a webhook's execution meets Retry-After: 12 (other processes spent the
	// quota). Before, the next callers were held half of it, a quarter, ...: an execution with a
	// 5 s limit took 15 s once the wait was over.
	const world = await run({
		seed: 2,
		limiter: { kind: 'outage', untilMs: 12_000, retryAfterS: 12 },
		headers: 'retry-after',
		latencyMs: [50, 50],
		processes: [
			{
				executions: [
					execution(1, { maxRateLimitWaitS: 60 }),
					execution(20, { startMs: 20_000, maxRateLimitWaitS: 5 }),
				],
			},
		],
	});
	const [webhook, next] = world.processes[0].executions;
	expect(outcomes(webhook)).toEqual(['registered']);
	expect(outcomes(next)).toEqual(new Array(20).fill('registered'));
	// 20 items, 5 at a time, 50 ms each: no pace holds them.
	expect(endOf(next) - 20_000).toBeLessThan(400);
	expect(world.processes[0].throttle?.rate).toBeUndefined();
});

test('3: the paced schedule never runs ahead of the requests that need it', async () => {
	// The Free plan read as a token bucket (50 at once, one every 3.6 s), 60 items spread over ten
	// minutes by a webhook (one execution each 10 s), after a first execution paced the key. Before,
	// starts pushed the schedule forward while quota was spare: the last items waited with quota free.
	const webhooks = Array.from({ length: 60 }, (_, n) =>
		execution(1, { startMs: 200_000 + n * 10_000 }),
	);
	const world = await run({
		seed: 3,
		limiter: { kind: 'plan', plan: 'free', reading: 'bucket' },
		headers: 'retry-after',
		latencyMs: [40, 60],
		processes: [{ executions: [execution(80, { maxRateLimitWaitS: DAY_S }), ...webhooks] }],
	});
	const [, ...sparse] = world.processes[0].executions;
	const waits = sparse.map((e) => endOf(e) - e.spec.startMs);
	expect(Math.max(...waits)).toBeLessThan(200);
});

test("4: Max Rate-Limit Wait bounds all of an item's waits together", async () => {
	// Another client keeps the key at its limit; each item may wait 60 s in all. Before, an item
	// waited 173 s: waits before its first refusal and for others' answers were not counted.
	const world = await run({
		seed: 4,
		limiter: { kind: 'bucket', perSecond: 1, burst: 2 },
		headers: 'retry-after',
		latencyMs: [40, 120],
		otherClients: { perSecond: 1 },
		processes: [{ executions: [execution(200, { maxRateLimitWaitS: 60, concurrency: 10 })] }],
	});
	const summary = check(world, idealMs(world.scenario));
	expect(summary.longestWaitMs).toBeLessThanOrEqual(61_000);
	expect(summary.failed).toBeGreaterThan(0);
});

test('6: the wall clock stepping back an hour changes nothing', async () => {
	const summary = await simulate({
		seed: 6,
		limiter: { kind: 'plan', plan: 'free', reading: 'second' },
		headers: 'full',
		latencyMs: [40, 120],
		processes: [{ executions: [execution(1500, { maxRateLimitWaitS: DAY_S })] }],
		faults: { wallClockStep: { process: 0, atMs: 10_000, byMs: -3_600_000 } },
	});
	// (simulate also runs it without the step and compares every item's outcome)
	expect(summary.violations).toEqual([]);
	expect(summary.registered).toBe(1500);
	expect(summary.ratio).toBeLessThanOrEqual(1.05);
});

test("7: X-RateLimit-Remaining counting the hour's quota does not make the node storm the burst", async () => {
	// Before: the learnt burst jumped from 50 to about 950, and about 2,000 refusals for 3,000
	// accepted at Concurrency 20.
	const summary = await simulate({
		seed: 7,
		limiter: { kind: 'plan', plan: 'free', reading: 'second', remaining: 'hour' },
		headers: 'full',
		latencyMs: [40, 120],
		processes: [{ executions: [execution(3000, { maxRateLimitWaitS: DAY_S, concurrency: 20 })] }],
	});
	expect(summary.violations).toEqual([]);
	expect(summary.registered).toBe(3000);
	expect(summary.refused).toBeLessThan(0.1 * 3000);
	expect(summary.ratio).toBeLessThanOrEqual(1.05);
});

test('8: under Retry-After alone, a day-long import of the Free plan takes the least time and fails nothing', async () => {
	// Before: 1.44x the least time with 297 refusals, and an item failed after its 50th refusal.
	const summary = await simulate({
		seed: 8,
		limiter: { kind: 'plan', plan: 'free', reading: 'second' },
		headers: 'retry-after',
		latencyMs: [40, 120],
		processes: [{ executions: [execution(3000, { maxRateLimitWaitS: DAY_S })] }],
	});
	expect(summary.violations).toEqual([]);
	expect(summary.failed).toBe(0);
	expect(summary.ratio).toBeLessThanOrEqual(1.05);
});

test('9: what the throttle keeps does not grow with what it has seen', async () => {
	// Before, the learner replayed its history on every send: 70 of 94 CPU seconds for two
	// executions of 1,500 items. The throttle now keeps a fixed set of numbers, its waiters and the
	// requests out.
	const world = await run({
		seed: 9,
		limiter: { kind: 'plan', plan: 'free', reading: 'bucket' },
		headers: 'retry-after',
		latencyMs: [40, 120],
		processes: [
			{
				executions: [
					execution(1500, { maxRateLimitWaitS: DAY_S }),
					execution(1500, { maxRateLimitWaitS: DAY_S }),
				],
			},
		],
	});
	const throttle = world.processes[0].throttle as unknown as Record<string, unknown>;
	const sizes = Object.values(throttle)
		.filter((value) => Array.isArray(value))
		.map((value) => (value as unknown[]).length);
	expect(Math.max(...sizes)).toBeLessThanOrEqual(64);
	// (Its only map holds the requests out: none once all have come back.)
	const maps = Object.values(throttle).filter((value) => value instanceof Map);
	expect(maps.map((map) => (map as Map<unknown, unknown>).size)).toEqual([0]);
});

test('a Max Rate-Limit Wait of 0 sends what the limit lets through at once', async () => {
	// Found by a review after the redesign: the throttle failed a caller whose deadline was now
	// (its item's start plus a wait of 0) before letting it go, so with quota for every item all
	// three failed on the rate limit unsent. It now lets go first, then fails whom it must.
	const world = await run({
		seed: 10,
		limiter: { kind: 'bucket', perSecond: 100, burst: 100 },
		headers: 'full',
		latencyMs: [50, 50],
		processes: [{ executions: [execution(3, { concurrency: 1, maxRateLimitWaitS: 0 })] }],
	});
	expect(outcomes(world.processes[0].executions[0])).toEqual(new Array(3).fill('registered'));
});

test('a pace learnt after an idle gap is the rate the limit took, not the rate measured across the gap', async () => {
	// Found by a review after the redesign: a webhook's execution of 4 items, then another of 40
	// two minutes later, under 5 requests a second. The second's first refusal started the pace
	// from the accepted requests of both, measured over the two minutes between them (0.07/s):
	// its 40 items took 5.9 times the least time the limit allows. Now the rate is measured since
	// the node last had nothing to send.
	const scenario: Scenario = {
		seed: 11,
		limiter: { kind: 'window', limit: 5, windowMs: 1000 },
		headers: 'full',
		latencyMs: [50, 50],
		processes: [
			{
				executions: [
					execution(4, { maxRateLimitWaitS: DAY_S }),
					execution(40, { startMs: 120_000, maxRateLimitWaitS: DAY_S }),
				],
			},
		],
	};
	const world = await run(scenario);
	const second = world.processes[0].executions[1];
	expect(outcomes(second)).toEqual(new Array(40).fill('registered'));
	// The least time for 40 items at 5 a second is about 8 s (7 windows after the first).
	expect(endOf(second) - 120_000).toBeLessThan(1.5 * 8_000);
});

test('a pace learnt from a burst comes down to the rate the limit frees in a few refusals', async () => {
	// Found when the real-time test of two executions sharing a key failed CI (30 and 31 refusals
	// for 60 items): under a token bucket of 20/s with a burst of 5, the pace started from the
	// burst's rate (hundreds a second) and came down a fifth a round, one refusal after another.
	// In this scenario, 28 to 46 refusals over ten seeds. Now each refusal measures what the limit
	// let through since the one before: 14 to 19 refusals, 5 of them in the first 10 sent at once.
	for (let seed = 1; seed <= 10; seed++) {
		const summary = await simulate({
			seed,
			limiter: { kind: 'bucket', perSecond: 20, burst: 5 },
			headers: 'full',
			latencyMs: [3, 15],
			processes: [{ executions: [execution(30), execution(30)] }],
		});
		expect(summary.violations).toEqual([]);
		expect(summary.registered).toBe(60);
		expect(summary.refused).toBeLessThan(22);
		expect(summary.ratio).toBeLessThanOrEqual(1.1);
	}
});

test("that measure does not count a fixed window's wait for its next turn as the limit's rate", async () => {
	// Measured from the refusal, a window that frees nothing until it turns read as 15 to 18 a
	// second for 20: the pace settled under the limit, 1.10x to 1.19x the least time in this
	// scenario (and 1.16x in n8n against the sandbox). Measured from the first request accepted
	// after the refusal, when there are two or more: 1.015x to 1.034x.
	for (let seed = 1; seed <= 6; seed++) {
		const summary = await simulate({
			seed,
			limiter: { kind: 'window', limit: 20, windowMs: 1000 },
			headers: 'retry-after',
			latencyMs: [2, 8],
			processes: [{ executions: [execution(320, { startMs: seed * 37 })] }],
		});
		expect(summary.violations).toEqual([]);
		expect(summary.registered).toBe(320);
		expect(summary.ratio).toBeLessThanOrEqual(1.06);
	}
});

test('a pace started from too few acceptances to measure climbs to the limit in a few rounds', async () => {
	// Random seed 143, kept because no other test holds this rule: under a token bucket of 5/s
	// with a burst of 1, two executions with Max Rate-Limit Waits of 1 and 5 s. A limit that lets
	// one request through at a time shows too little of its rate to measure, and the pace starts
	// from the last second's acceptances (2 a second). Climbing from there on the usual curve, it
	// held items past their short waits: 16 failed and 7 were not sent. Doubling each round until
	// first refused (TCP's slow start): 2 failed, none unsent.
	const summary = await simulate({
		seed: 143,
		limiter: { kind: 'bucket', perSecond: 5, burst: 1 },
		headers: 'retry-after',
		latencyMs: [1, 201],
		otherClients: { perSecond: 0.5 },
		processes: [
			{
				executions: [
					execution(30, { concurrency: 2, maxRateLimitWaitS: 1, startMs: 3610 }),
					execution(120, { concurrency: 1, maxRateLimitWaitS: 5, maxAttempts: 2, startMs: 82_207 }),
				],
			},
		],
		slowdown: { fromMs: 59_418, toMs: 69_438, latencyMs: [4000, 12_000] },
	});
	expect(summary.violations).toEqual([]);
	expect(summary.notSent).toBe(0);
	expect(summary.failed).toBeLessThanOrEqual(4);
});

test.each([
	['Retry-After alone', 'retry-after', 7],
	['no headers', 'none', 3],
] as const)(
	'two processes on one key share it under %s: one out-paced once is not starved for the rest of the run',
	async (_name, headers, seed) => {
		// Seeds of the Free plan's burst as a bucket, two processes (queue mode) of 1,500 items each.
		// One process was refused against the other's full share: its pace fell to a fraction of the
		// key's and climbed once per its own slow interval (TCP's round-trip unfairness), so it was
		// still sending when the other had long finished: 1.18x the least time under Retry-After (the
		// ends 6,114 s and 12,506 s), and without headers 6,597 s and 12,056 s. A request the pace
		// held back for several of the last refusal's wait (stated, or the node's backoff) now climbs
		// a round for each four of them.
		const scenario: Scenario = {
			seed,
			limiter: { kind: 'plan', plan: 'free', reading: 'bucket' },
			headers,
			latencyMs: [40, 120],
			processes: [0, 1].map(() => ({
				executions: [execution(1500, { maxRateLimitWaitS: DAY_S })],
			})),
		};
		const world = await run(scenario);
		const [first, second] = world.processes.map(({ executions }) => executions[0]);
		expect(outcomes(first)).toEqual(new Array(1500).fill('registered'));
		expect(outcomes(second)).toEqual(new Array(1500).fill('registered'));
		// Sharing the key, both end with the run: neither within the last tenth of it alone.
		const ends = [endOf(first), endOf(second)];
		expect(Math.max(...ends)).toBeLessThanOrEqual(1.05 * idealMs(scenario));
		expect(Math.min(...ends)).toBeGreaterThan(0.9 * Math.max(...ends));
	},
);

test("a 429 that states no wait: the probes find a fixed window's next turn soon after it", async () => {
	// A limiter that answers a bare 429 (no Retry-After, no headers) and lets 100 requests through
	// in each window of 10 s. The node probes with a backoff: doubling, a probe sent 9.3 s after
	// the first refusal was refused just before the window turned, and the next came 10 s later;
	// over the run, 66.5 s for the least time's 50.2 s (1.32x). Growing by half, the probes come
	// closer together as the wait goes on.
	const scenario: Scenario = {
		seed: 10,
		limiter: { kind: 'window', limit: 100, windowMs: 10_000 },
		headers: 'none',
		latencyMs: [40, 120],
		processes: [{ executions: [execution(600, { concurrency: 20, maxRateLimitWaitS: DAY_S })] }],
	};
	await registersAllWithin(scenario, 1.05);
});

test('probes after "Retry-After: 1" find a token bucket with a burst of 1 free soon after it', async () => {
	// The bench's case in n8n: 10 a second with a burst of 1, a round trip of 1 to 3 ms, answers
	// with Retry-After: 1 (a wait within a second). The first probes backed off doubling from 62 ms:
	// the first acceptance came at 0.25 s, the pace started from the few accepted by then (4.8 a
	// second), the next probe waited 0.84 s, and the pace settled where the count of the second
	// before each refusal held it, 8 a second: 41.6 s for the least time's 31.9 s (1.305x). Growing
	// by half: accepted at 0.14 s, a pace from 8.4, settled at 9 a second, 37.1 s (1.16x).
	const scenario: Scenario = {
		seed: 9,
		limiter: { kind: 'bucket', perSecond: 10, burst: 1 },
		headers: 'retry-after',
		latencyMs: [1, 3],
		processes: [{ executions: [execution(320)] }],
	};
	await registersAllWithin(scenario, 1.2);
});

test('after a long block at the start, the starts are spread over a round trip, not over the block', async () => {
	// Found by a review: an execution of 50 items, Concurrency 5, starts while BizKitHub refuses
	// everything for 10 minutes (Retry-After: 1). The start pacer spread the starts over the
	// shortest job it had seen, and the first jobs to end had waited out the whole block: starts
	// 2 minutes apart with the quota free, 721 s for the least time's 601 s (1.20x). The pacer now
	// learns the round trip from the requests.
	const scenario: Scenario = {
		seed: 8,
		limiter: { kind: 'outage', untilMs: 600_000, retryAfterS: 1 },
		headers: 'retry-after',
		latencyMs: [40, 120],
		processes: [{ executions: [execution(50, { maxRateLimitWaitS: DAY_S })] }],
	};
	await registersAllWithin(scenario, 1.02);
});

test('a probe that never answers does not hold every caller of the key', async () => {
	// Found by widening the invariant to items never sent: after a block, the one request sent to
	// check it got no answer (a connection that hangs, no Request Timeout), and every other caller
	// waited for that answer until its Max Rate-Limit Wait was over, with the limit free again a
	// second later. A request unanswered after four round trips (five seconds at least) is now
	// taken as lost: the next caller checks.
	const world = await run({
		seed: 1000,
		limiter: { kind: 'log', limit: 5, windowMs: 2000 },
		headers: 'full',
		latencyMs: [100, 100],
		processes: [
			{
				executions: [execution(60, { maxRateLimitWaitS: 1, maxAttempts: 2, timeoutMs: 0 })],
			},
		],
		faults: { lost: 0.05 },
	});
	const items = world.processes[0].executions[0].items;
	const registered = items.filter((item) => item.results[0]?.result.outcome.kind === 'registered');
	// Before: 6 registered, every other item failed while the lost probe was awaited.
	expect(registered.length).toBeGreaterThanOrEqual(10);
});

test('a backoff the node guessed fails no item before its Max Rate-Limit Wait, nor is said to be asked for', async () => {
	// Found by a review: under a limit that states no wait (10 requests per 10 s, no headers), the
	// node's own backoff blocked the key and every item whose deadline came before its end failed
	// at once, told "BizKitHub's rate limit asks to wait 4 s": 10 registered, 50 failed, the limit
	// free again before many of their deadlines. A guessed wait now fails nobody early.
	const world = await run({
		seed: 7,
		limiter: { kind: 'window', limit: 10, windowMs: 10_000 },
		headers: 'none',
		latencyMs: [50, 80],
		processes: [{ executions: [execution(60, { maxRateLimitWaitS: 5 })] }],
	});
	const kinds = outcomes(world.processes[0].executions[0]);
	expect(kinds.filter((kind) => kind === 'registered').length).toBeGreaterThanOrEqual(30);
	const messages = world.processes[0].executions[0].items.map((item) => {
		const outcome = item.results[0]?.result.outcome;
		return outcome && 'message' in outcome ? outcome.message : '';
	});
	expect(messages.filter((message) => message.includes('asks to wait'))).toEqual([]);
});

test('after an idle minute, neither the pace nor an old refusal fails an item with Max Rate-Limit Wait 0', async () => {
	// Found by review: after an execution left a pace of about 20/s behind, an execution of 5 items
	// with Max Rate-Limit Wait 0 a minute later sent one and failed four unsent, the bucket holding
	// 5 tokens: the first went as a probe of a refusal long over, and the pace held the rest. A
	// refusal whose wait is over asks for no probe once the node has been idle, and the pace (the
	// node's own guess, not a wait BizKitHub asked for) lets a caller it would hold past its
	// deadline go at once, out of the schedule: BizKitHub's answer decides.
	const world = await run({
		seed: 3,
		limiter: { kind: 'bucket', perSecond: 5, burst: 5 },
		headers: 'full',
		latencyMs: [50, 50],
		processes: [
			{
				executions: [execution(40), execution(5, { startMs: 60_000, maxRateLimitWaitS: 0 })],
			},
		],
	});
	expect(outcomes(world.processes[0].executions[1])).toEqual(new Array(5).fill('registered'));
});

describe("a BizKitHub slowed past the throttle's patience", () => {
	// Found by review: once a check of a long block is given up on (no answer within its patience)
	// and another sent, the first one's late 429 blocked the key anew for an hour, though the
	// second had been accepted (or was accepted just after): 175 items (200 in the second case)
	// failed with "asks to wait 3600 s" while the key was open.
	test.each([
		// (The first check reaches BizKitHub half its round trip after 60.5 s, before the limit lifts.)
		['after the newer check was accepted', 64_400, PATIENCE_MIN_MS + 2500],
		['just before the newer check was accepted', 64_000, PATIENCE_MIN_MS + 40],
	])('a check given up on and refused late blocks nothing: %s', async (_, untilMs, slowMs) => {
		const world = await run({
			seed: 1,
			limiter: { kind: 'outage', untilMs, retryAfterS: 3600 },
			headers: 'retry-after',
			latencyMs: [50, 50],
			slowdown: { fromMs: 60_500, toMs: 60_501, latencyMs: [slowMs, slowMs] },
			processes: [
				{
					executions: [
						execution(1, { timeoutMs: 0 }),
						execution(200, { startMs: 60_500, timeoutMs: 0, concurrency: 2 }),
					],
				},
			],
		});
		const kinds = outcomes(world.processes[0].executions[1]);
		expect(kinds.filter((kind) => kind === 'registered').length).toBeGreaterThanOrEqual(199);
	});

	test('callers do not wait for a probe once a later request was accepted', async () => {
		// During 10 s of 4-6 s answers a probe went every second; when one was accepted the others
		// were still awaited (a slower answer since made them "answering" again): nothing was sent
		// for about 5 s with the limit free.
		const world = await run({
			seed: 5,
			limiter: { kind: 'log', limit: 10, windowMs: 1000 },
			headers: 'full',
			latencyMs: [50, 80],
			slowdown: { fromMs: 5000, toMs: 15_000, latencyMs: [4000, 6000] },
			processes: [{ executions: [execution(300, { concurrency: 20, timeoutMs: 0 })] }],
		});
		const sends = world.processes[0].executions[0].items
			.flatMap((item) => item.sends.map((send) => send.sentAt - EPOCH))
			.sort((a, b) => a - b);
		const gaps = sends.slice(1).map((at, index) => at - sends[index]);
		// (While the answers are slow, a check may be awaited for its whole patience: no longer.)
		expect(Math.max(...gaps)).toBeLessThanOrEqual(PATIENCE_MIN_MS);
	});
});

test('a probe refused "within a second" under a fixed window does not lower the pace', async () => {
	// Tried at stop 36 and not kept: a refused probe lowering the pace like any paced request
	// refused. Under a fixed window of 20 a second a refusal says the window is full until it turns,
	// and each probe into that wait took the pace down again: 70.8 s for the least time's 58.9 s
	// (1.20x; the node takes 1.015x), and 1.12x and 1.13x in n8n's bench, where it takes 1.00x to
	// 1.03x.
	const scenario: Scenario = {
		seed: 10,
		limiter: { kind: 'window', limit: 20, windowMs: 1000 },
		headers: 'retry-after',
		latencyMs: [1, 3],
		processes: [{ executions: [execution(1200, { concurrency: 20, maxRateLimitWaitS: DAY_S })] }],
	};
	await registersAllWithin(scenario, 1.05);
});
