import {
	PAUSE_TRUSTED_MS,
	RateLimitGate,
} from '../../../../../nodes/BizKitHub/sending/rateLimitGate';
import { settled } from '../../../../helpers/settled';

/** A clock that moves only when the gate sleeps. */
function fakeTime() {
	const time = { now: 0, slept: [] as number[] };
	const clock = () => time.now;
	const sleeper = async (ms: number) => {
		time.slept.push(ms);
		time.now += ms;
	};
	return { time, clock, sleeper };
}

/** Asks the gate for `count` requests and says which it let go before any answer came back. */
async function ticketsWithoutAnswers(gate: RateLimitGate, count: number): Promise<unknown[]> {
	const tickets: unknown[] = [];
	for (let request = 0; request < count; request++)
		void gate.acquire().then((ticket) => tickets.push(ticket));
	await settled();
	return tickets;
}

describe('the rate-limit gate', () => {
	test('before any answer the quota is unknown: requests go out freely', async () => {
		const { clock, sleeper } = fakeTime();
		const gate = new RateLimitGate(60_000, clock, sleeper);
		for (let request = 0; request < 10; request++) expect(await gate.acquire()).toBe('go');
	});

	test('counts down the reported quota less the requests still out, then waits for the last second before the reset', async () => {
		const { time, clock, sleeper } = fakeTime();
		const gate = new RateLimitGate(60_000, clock, sleeper);
		await gate.acquire();
		await gate.acquire();
		gate.record({ remaining: 3 }, false); // one still out: two more may go
		expect(await gate.acquire()).toBe('go');
		expect(await gate.acquire()).toBe('go');
		let third: unknown;
		const waiting = gate.acquire().then((ticket) => (third = ticket));
		await Promise.resolve();
		expect(third).toBeUndefined();
		gate.record({ remaining: 0, resetAtMs: 1500 }, false);
		gate.record({ remaining: 0, resetAtMs: 1500 }, false);
		gate.record({ remaining: 0, resetAtMs: 1500 }, false);
		await waiting;
		expect(third).toBe('go');
		// The reset is a whole second, rounded up: the real one is in the second before it, which is
		// tried 1/8 in.
		expect(time.slept).toEqual([625]);
	});

	test('with no quota and nothing out, one request goes to learn the quota', async () => {
		const { clock, sleeper } = fakeTime();
		const gate = new RateLimitGate(60_000, clock, sleeper);
		await gate.acquire();
		gate.record({ remaining: 0 }, false);
		expect(await gate.acquire()).toBe('go');
	});

	test('a 429 pauses every new request until the last second of Retry-After, which one request probes', async () => {
		const { time, clock, sleeper } = fakeTime();
		const gate = new RateLimitGate(60_000, clock, sleeper);
		await gate.acquire();
		gate.record({ retryAfterMs: 2000 }, true, time.now);
		// Whole seconds, rounded up: the API's real wait ends somewhere in the second from 1000 to 2000.
		expect(await gate.acquire()).toBe('go');
		expect(time.now).toBe(1125);
		// A refused try is followed by the next, 1/4, 1/2 and all of that second in, one at a time.
		gate.record({ retryAfterMs: 1000 }, true, time.now);
		await gate.acquire();
		expect(time.now).toBe(1250);
		gate.record({ retryAfterMs: 1000 }, true, time.now);
		await gate.acquire();
		expect(time.now).toBe(1500);
		gate.record({ retryAfterMs: 1000 }, true, time.now);
		await gate.acquire();
		expect(time.now).toBe(2000);
		// Never later than the first Retry-After said, and once one is accepted, the others go.
		gate.record({}, false, time.now);
		expect(await ticketsWithoutAnswers(gate, 3)).toEqual(['go', 'go', 'go']);
	});

	test('an API that reports no quota: after a 429 and an accepted answer, requests go out together again', async () => {
		const { clock, sleeper } = fakeTime();
		const gate = new RateLimitGate(60_000, clock, sleeper);
		await gate.acquire();
		gate.record({ retryAfterMs: 1000 }, true);
		expect(await gate.acquire()).toBe('go');
		gate.record({}, false);
		// Three more, none answered yet: with the quota taken as 0 since the 429, only one would go.
		expect(await ticketsWithoutAnswers(gate, 3)).toEqual(['go', 'go', 'go']);
	});

	test('a wait longer than the maximum is not done but reported', async () => {
		const { time, clock, sleeper } = fakeTime();
		const gate = new RateLimitGate(10_000, clock, sleeper);
		await gate.acquire();
		gate.record({ remaining: 0, resetAtMs: 3_600_000 }, false);
		// An hour, less the last second's 7/8, which it would probe.
		expect(await gate.acquire()).toEqual({ waitMs: 3_599_125 });
		expect(time.slept).toEqual([]);
	});
});

describe('the rate-limit gate after a 429 that says "retry now"', () => {
	const policy = { backoffBaseMs: 500, backoffCapMs: 10000, random: () => 1 };

	test.each([
		['Retry-After: 0', { retryAfterMs: 0 }],
		['a reset in the past', { resetAtMs: -5000 }],
		['no timing at all', {}],
	])('%s: backs off exponentially, growing with each 429 in a row', async (_, info) => {
		const { time, clock, sleeper } = fakeTime();
		const gate = new RateLimitGate(60_000, clock, sleeper, policy);
		for (let round = 0; round < 4; round++) {
			await gate.acquire();
			gate.record(info, true, time.now);
		}
		await gate.acquire();
		expect(time.slept).toEqual([500, 1000, 2000, 4000]);
	});

	test('429s for requests sent before the last 429 came back count as one round', async () => {
		const { time, clock, sleeper } = fakeTime();
		const gate = new RateLimitGate(60_000, clock, sleeper, policy);
		for (let request = 0; request < 4; request++) await gate.acquire();
		time.now = 10;
		for (let request = 0; request < 4; request++) gate.record({ retryAfterMs: 0 }, true, 0);
		await gate.acquire();
		expect(time.slept).toEqual([500]);
	});

	test('an accepted answer ends the run of 429s', async () => {
		const { time, clock, sleeper } = fakeTime();
		const gate = new RateLimitGate(60_000, clock, sleeper, policy);
		await gate.acquire();
		gate.record({}, true, time.now);
		await gate.acquire();
		gate.record({}, false, time.now);
		await gate.acquire();
		gate.record({}, true, time.now);
		await gate.acquire();
		expect(time.slept).toEqual([500, 500]);
	});

	test('a positive Retry-After is waited, its last second probed, and not backed off', async () => {
		const { time, clock, sleeper } = fakeTime();
		const gate = new RateLimitGate(60_000, clock, sleeper, policy);
		await gate.acquire();
		gate.record({ retryAfterMs: 3000 }, true, time.now);
		await gate.acquire();
		expect(time.slept).toEqual([2125]);
	});
});

describe('the rate-limit gate when the execution is stopped', () => {
	test('a pause ends at once, and nothing more goes', async () => {
		const stop = new AbortController();
		const gate = new RateLimitGate(600_000, Date.now, undefined, { signal: stop.signal });
		await gate.acquire();
		gate.record({ retryAfterMs: 500_000 }, true);
		const waiting = gate.acquire();
		stop.abort();
		expect(await waiting).toBe('stopped');
		expect(await gate.acquire()).toBe('stopped');
	});

	test('a request waiting for answers still out is let go as stopped', async () => {
		const stop = new AbortController();
		const gate = new RateLimitGate(600_000, Date.now, undefined, { signal: stop.signal });
		await gate.acquire();
		gate.record({ remaining: 0 }, false);
		await gate.acquire(); // one goes to learn the quota; the next waits for its answer
		const waiting = gate.acquire();
		stop.abort();
		expect(await waiting).toBe('stopped');
	});
});

describe('the rate-limit gate once it has learnt the rate', () => {
	test("a 429 no longer stops every request: the refused one waits the whole seconds before its Retry-After's last, then its turn", async () => {
		const { time, clock, sleeper } = fakeTime();
		const gate = new RateLimitGate(60_000, clock, sleeper);
		// A burst of 5, a pause of 1 s, then a paced episode that shows a rate of about 20/s.
		for (let sent = 0; sent < 5; sent++) {
			await gate.acquire();
			gate.record({}, false, time.now);
		}
		await gate.acquire();
		expect(gate.record({ retryAfterMs: 1000 }, true, time.now)).toEqual({ itemWaitMs: undefined });
		for (let sent = 0; sent < 40 && !gate.pace.isLearnt; sent++) {
			await gate.acquire();
			const accepted = sent < 30;
			gate.record(accepted ? {} : { retryAfterMs: 1000 }, !accepted, time.now);
		}
		expect(gate.pace.isLearnt).toBe(true);
		expect(gate.pace.paceRps).toBeGreaterThan(0);
		// Starts are now spaced by the pace, and a further 429 pauses no one else.
		const before = time.now;
		await gate.acquire();
		expect(gate.record({ retryAfterMs: 1000 }, true, time.now)).toEqual({ itemWaitMs: 0 });
		await gate.acquire();
		expect(gate.record({ retryAfterMs: 3000 }, true, time.now)).toEqual({ itemWaitMs: 2000 });
		await gate.acquire();
		expect(time.now - before).toBeLessThan(1000);
	});
});

describe('one gate shared by several executions', () => {
	test("each caller stops on its own execution's Stop; the others go on", async () => {
		const gate = new RateLimitGate(Number.POSITIVE_INFINITY);
		const first = new AbortController();
		const second = new AbortController();
		await gate.acquire({ signal: first.signal });
		gate.record({ retryAfterMs: 300 }, true);
		const firstWaiting = gate.acquire({ signal: first.signal, maxWaitMs: 60_000 });
		const secondWaiting = gate.acquire({ signal: second.signal, maxWaitMs: 60_000 });
		first.abort();
		expect(await firstWaiting).toBe('stopped');
		expect(await secondWaiting).toBe('go');
		expect(second.signal.aborted).toBe(false);
	});

	test('each caller has its own longest wait', async () => {
		const { clock, sleeper } = fakeTime();
		const gate = new RateLimitGate(Number.POSITIVE_INFINITY, clock, sleeper);
		await gate.acquire();
		gate.record({ retryAfterMs: 5_000 }, true);
		// Paused to probe the last second of the stated 5 s: too long for one caller, not the other.
		const refused = await gate.acquire({ maxWaitMs: 1_000 });
		expect(refused).toEqual({ waitMs: expect.any(Number) });
		expect((refused as { waitMs: number }).waitMs).toBeGreaterThan(1_000);
		expect(await gate.acquire({ maxWaitMs: 60_000 })).toBe('go');
	});
});

describe('no execution waits on another beyond its own settings', () => {
	/** A gate whose quota ran out while one request (another execution's) is out for good. */
	async function gateWithARequestOutForGood() {
		const gate = new RateLimitGate(60_000);
		expect(await gate.acquire()).toBe('go');
		expect(await gate.acquire()).toBe('go'); // never answered
		gate.record({ remaining: 0 }, false);
		return gate;
	}

	test('a caller waiting for answers goes once its own bound has passed without one', async () => {
		const gate = await gateWithARequestOutForGood();
		const started = Date.now();
		expect(await gate.acquire({ answerWaitMs: 100 })).toBe('go');
		expect(Date.now() - started).toBeGreaterThanOrEqual(90);
	});

	test('while the end of a wait is probed, a probe never answered holds others only as long as their bound', async () => {
		const gate = new RateLimitGate(60_000);
		expect(await gate.acquire()).toBe('go');
		gate.record({ retryAfterMs: 1000 }, true);
		expect(await gate.acquire()).toBe('go'); // the probe, never answered
		const started = Date.now();
		expect(await gate.acquire({ answerWaitMs: 100 })).toBe('go');
		expect(Date.now() - started).toBeLessThan(1000);
	});

	test("a caller's Stop ends its wait for answers at once", async () => {
		const gate = await gateWithARequestOutForGood();
		const stop = new AbortController();
		const ticket = gate.acquire({ signal: stop.signal, answerWaitMs: 60_000 });
		await settled();
		stop.abort();
		expect(await ticket).toBe('stopped');
	});
});

describe('a request that got no answer', () => {
	test('tells the gate nothing about the limit: a probe for the end of a wait goes on', async () => {
		const { time, clock, sleeper } = fakeTime();
		const gate = new RateLimitGate(60_000, clock, sleeper);
		await gate.acquire();
		gate.record({ retryAfterMs: 2000 }, true, time.now);
		expect(await gate.acquire()).toBe('go'); // the probe
		const pace = gate.pace.paceRps;
		gate.unanswered(time.now);
		// Still probing: one request at a time, not everyone at once as after an accepted answer.
		expect(await ticketsWithoutAnswers(gate, 3)).toEqual(['go']);
		expect(gate.pace.paceRps).toBe(pace);
	});

	test('frees its place: a caller waiting for answers goes', async () => {
		const gate = new RateLimitGate(60_000);
		await gate.acquire();
		await gate.acquire();
		gate.record({ remaining: 0 }, false);
		const waiting = gate.acquire();
		await settled();
		gate.unanswered();
		expect(await waiting).toBe('go');
	});
});

describe('a long pause', () => {
	test('is checked by one request before a caller who started long after it is failed on its word', async () => {
		const { time, clock, sleeper } = fakeTime();
		const gate = new RateLimitGate(60_000, clock, sleeper);
		await gate.acquire();
		gate.record({ retryAfterMs: 3_600_000 }, true, time.now);
		expect(await gate.acquire({ maxWaitMs: 300_000 })).toEqual({ waitMs: 3_600_000 - 1000 + 125 });
		time.now += PAUSE_TRUSTED_MS;
		// One check goes; the others are told the wait while it is out.
		expect(await gate.acquire({ maxWaitMs: 300_000 })).toBe('go');
		expect(await gate.acquire({ maxWaitMs: 300_000 })).toEqual(
			expect.objectContaining({ waitMs: expect.any(Number) }),
		);
		// Accepted: the pause was wrong, and everyone goes.
		gate.record({}, false, time.now);
		expect(await ticketsWithoutAnswers(gate, 3)).toEqual(['go', 'go', 'go']);
	});

	test('checked and refused again, it holds on the new answer', async () => {
		const { time, clock, sleeper } = fakeTime();
		const gate = new RateLimitGate(60_000, clock, sleeper);
		await gate.acquire();
		gate.record({ retryAfterMs: 3_600_000 }, true, time.now);
		time.now += PAUSE_TRUSTED_MS;
		expect(await gate.acquire({ maxWaitMs: 300_000 })).toBe('go');
		gate.record({ retryAfterMs: 1_800_000 }, true, time.now);
		const ticket = await gate.acquire({ maxWaitMs: 300_000 });
		expect(ticket).not.toBe('go');
		expect((ticket as { waitMs: number }).waitMs).toBeLessThanOrEqual(1_800_000);
	});
});
