/**
 * The invariant checker itself: a healthy run passes, and each kind of wrong-doing, put into a copy
 * of its record, is named. (A checker that cannot fail proves nothing.)
 */
import { check } from '../../../sim/invariants';
import type { Scenario } from '../../../sim/scenario';
import { runWorld, type WorldRecord } from '../../../sim/world';

const scenario: Scenario = {
	seed: 11,
	limiter: { kind: 'bucket', perSecond: 5, burst: 2 },
	headers: 'retry-after',
	latencyMs: [20, 60],
	processes: [
		{
			executions: [
				{
					items: 30,
					concurrency: 4,
					maxRateLimitWaitS: 60,
					maxAttempts: 4,
					timeoutMs: 5000,
					startMs: 0,
					continueOnFail: true,
				},
				{
					items: 30,
					concurrency: 4,
					maxRateLimitWaitS: 60,
					maxAttempts: 4,
					timeoutMs: 5000,
					startMs: 0,
					continueOnFail: true,
				},
			],
		},
	],
};

let healthy: WorldRecord;
beforeAll(async () => {
	healthy = await runWorld(scenario);
});

/** The healthy record with one thing done wrong to it. */
async function spoilt(spoil: (world: WorldRecord) => void): Promise<string[]> {
	const world = await runWorld(scenario);
	spoil(world);
	return check(world).violations;
}

test('a healthy run breaks nothing', () => {
	expect(check(healthy).violations).toEqual([]);
});

test('an item that leaves twice, or never', async () => {
	expect(
		await spoilt((world) => {
			const item = world.processes[0].executions[0].items[3];
			item.results.push(item.results[0]);
		}),
	).toEqual([expect.stringMatching(/^item 3 of process 0 execution 0 left 2 times$/)]);
	expect(
		await spoilt((world) => {
			world.processes[0].executions[0].items[4].results = [];
		}),
	).toEqual([expect.stringMatching(/^item 4 of process 0 execution 0 never left$/)]);
});

test('a request after Stop, or after the outcome', async () => {
	expect(
		await spoilt((world) => {
			const execution = world.processes[0].executions[1];
			execution.stoppedAt = execution.items[10].sends[0].sentAt - 1;
			execution.endedAt = execution.stoppedAt + 500;
		}),
	).toContainEqual(
		expect.stringMatching(/^item 1\d of process 0 execution 1 was sent 1 ms after Stop$/),
	);
	expect(
		await spoilt((world) => {
			const item = world.processes[0].executions[0].items[5];
			item.sends.push({ ...item.sends[0], sentAt: item.results[0].at + 1 });
		}),
	).toContainEqual('item 5 of process 0 execution 0 was sent after its outcome');
});

test('a registration twice that nobody was told of', async () => {
	expect(
		await spoilt((world) => {
			const item = world.processes[0].executions[0].items[6];
			world.handled.set(item.email, 2);
		}),
	).toEqual(['item 6 of process 0 execution 0 was registered 2 times, unflagged']);
});

test('a wait longer than Max Rate-Limit Wait, and too many requests in flight', async () => {
	expect(
		await spoilt((world) => {
			const item = world.processes[0].executions[0].items[7];
			item.startedAt = (item.startedAt ?? 0) - 62_000;
		}),
	).toEqual([
		expect.stringMatching(/^item 7 of process 0 execution 0 waited \d+ ms, 61000 allowed$/),
	]);
	expect(
		await spoilt((world) => {
			world.processes[0].executions[0].maxInFlight = 5;
		}),
	).toEqual(['execution 0 of process 0 had 5 requests in flight, Concurrency 4']);
});

test('something left behind: a timer, a waiter, a listener', async () => {
	expect(
		await spoilt((world) => {
			world.nodeTimersLeft = 1;
		}),
	).toEqual(['1 timers of the node were left set']);
	expect(
		await spoilt((world) => {
			world.processes[0].executions[0].signal.addEventListener('abort', () => undefined);
		}),
	).toEqual([expect.stringMatching(/^execution 0 of process 0 left 1 listeners on its signal/)]);
});

test('requests sent into a known block while another was out, and refused', async () => {
	expect(
		await spoilt((world) => {
			// Every request after the first refusal's answer goes out at once, and is refused.
			const sends = world.processes[0].executions.flatMap((e) => e.items.flatMap((i) => i.sends));
			const refusal = sends.find((send) => send.refused && send.answeredAt !== undefined)!;
			for (const send of sends.filter((s) => s.order.sent > refusal.order.answered!)) {
				send.handled = true;
				send.refused = true;
				send.fault = undefined;
				send.returnedAt = Number.POSITIVE_INFINITY;
				send.order.returned = Number.POSITIVE_INFINITY;
			}
		}),
	).toContainEqual(
		expect.stringMatching(
			/^process 0 sent \d+ requests into known blocks that were refused, for \d+ accepted$/,
		),
	);
});

test('unequal shares for executions with the same settings', async () => {
	expect(
		await spoilt((world) => {
			const [first, second] = world.processes[0].executions;
			// The second's items all come out after the first has ended: starved while both ran.
			for (const item of second.items) item.results[0].at = (first.endedAt ?? 0) + 1;
			second.endedAt = (first.endedAt ?? 0) + 1;
		}),
	).toContainEqual(
		expect.stringMatching(
			/^executions 0\/0 and 0\/1 with the same settings got \d+ and 0 through while both ran$/,
		),
	);
});
