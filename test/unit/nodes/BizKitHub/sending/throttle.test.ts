/**
 * The throttle's patience with a request that does not answer, driven on the simulator's virtual
 * clock (the simulator checks the throttle as a whole; this pins one rule).
 */
import {
	PATIENCE_TRIPS,
	Throttle,
	type NoTicket,
	type Ticket,
} from '../../../../../nodes/BizKitHub/sending/throttle';
import { VirtualTime } from '../../../../../sim/virtualTime';

const FOREVER = { deadline: Number.POSITIVE_INFINITY };

async function ticketAt(time: VirtualTime, pending: Promise<Ticket | NoTicket>) {
	let got: Ticket | NoTicket | undefined;
	void pending.then((result) => (got = result));
	await time.run(() => got !== undefined);
	if (!got || !('sentAt' in got)) throw new Error(`no ticket: ${JSON.stringify(got)}`);
	return got;
}

/** A throttle on a virtual clock from 0 (a steady wall clock, jitter at its middle). */
function virtualThrottle() {
	const time = new VirtualTime(0);
	const throttle = new Throttle(
		time.clock(
			0,
			() => 0,
			() => 0.5,
		),
	);
	return { time, throttle };
}

test('a probe with no answer is awaited for four of the slowest recent round trips, not of the last', async () => {
	const { time, throttle } = virtualThrottle();

	// A slow answer (3 s), then a fast refusal (0.1 s) that says "within a second": a probe next.
	const slow = await ticketAt(time, throttle.acquire(FOREVER));
	time.at(3000, () => throttle.answered(slow, false, {}));
	await time.run(() => time.now >= 3000);
	const fast = await ticketAt(time, throttle.acquire(FOREVER));
	expect(fast.sentAt).toBe(3000);
	time.at(3100, () => throttle.answered(fast, true, { retryAfterMs: 1000 }));
	await time.run(() => time.now >= 3100);
	const probe = await ticketAt(time, throttle.acquire(FOREVER));
	expect(probe.probe).toBe(true);

	// The probe never answers. The next caller waits for it, then takes it as lost and checks
	// itself: after four round trips of the slowest recent one (3 s, a tenth forgotten per answer),
	// not four of the last (0.1 s, which would give up on a slow BizKitHub after a second).
	const next = await ticketAt(time, throttle.acquire(FOREVER));
	expect(next.probe).toBe(true);
	const slowest = Math.max(100, 3000 * 0.9);
	expect(next.sentAt).toBe(probe.sentAt + PATIENCE_TRIPS * slowest);
	throttle.lost(probe);
	throttle.lost(next);
	expect(throttle.waiting).toBe(0);
});

/**
 * Asks for `count` tickets at once and answers each accepted 10 ms after it is sent. Returns
 * whether the last was held back by the pace.
 */
async function acceptedTogether(time: VirtualTime, throttle: Throttle, count: number) {
	const pending = Array.from({ length: count }, () => throttle.acquire(FOREVER));
	let held = false;
	for (const asked of pending) {
		const ticket = await ticketAt(time, asked);
		held = ticket.held;
		time.at(ticket.sentAt + 10, () => throttle.answered(ticket, false, {}));
	}
	const until = time.now + 10;
	await time.run(() => time.now >= until);
	return held;
}

/** The pace after a trickle: singles `gapMs` apart, every third time two at once (one held). */
async function paceAfterTrickle(gapMs: number): Promise<number[]> {
	const { time, throttle } = virtualThrottle();
	// Two accepted, the third refused with "Retry-After: 1": the pace starts.
	const asked = [0, 1, 2].map(() => throttle.acquire(FOREVER));
	const burst: Ticket[] = [];
	for (const pending of asked) burst.push(await ticketAt(time, pending));
	time.at(50, () => throttle.answered(burst[0], false, {}));
	time.at(50, () => throttle.answered(burst[1], false, {}));
	time.at(60, () => throttle.answered(burst[2], true, { retryAfterMs: 1000 }));
	await time.run(() => time.now >= 60);
	expect(throttle.rate).toBeDefined();
	const rates = [throttle.rate ?? 0];
	for (let turn = 1; turn <= 12; turn++) {
		const at = 60 + turn * gapMs;
		time.at(at, () => {});
		await time.run(() => time.now >= at);
		const pair = turn % 3 === 0;
		const held = await acceptedTogether(time, throttle, pair ? 2 : 1);
		if (pair) {
			expect(held).toBe(true);
			rates.push(throttle.rate ?? 0);
		}
	}
	return rates;
}

test('a trickle of requests below the pace raises it by its held requests accepted, not by the time it lasts', async () => {
	// Found by review: sending stays "resumed" while requests come less than PATIENCE_MIN_MS apart,
	// and the pace climbed a round for each four stated waits since its last climb, so a trickle of
	// webhooks 4 s apart took it far past the limit (7,000 a second under 2 a second) before a batch.
	// Only the time the pace held a request counts: the pace after the same requests is the same,
	// however slowly they came, and it does climb.
	const quick = await paceAfterTrickle(400);
	const slow = await paceAfterTrickle(4000);
	expect(slow).toEqual(quick);
	expect(quick[quick.length - 1]).toBeGreaterThan(quick[0]);
});

/**
 * Refuses every request `refusals` times, each answered 10 ms after it was sent, with `info`; returns
 * the time from each refusal to the next request (always a probe: one at a time into the block).
 */
async function probeGaps(info: { retryAfterMs?: number }, refusals: number): Promise<number[]> {
	const { time, throttle } = virtualThrottle();
	const gaps: number[] = [];
	let refusedAt: number | undefined;
	for (let turn = 0; turn <= refusals; turn++) {
		const ticket = await ticketAt(time, throttle.acquire(FOREVER));
		if (refusedAt !== undefined) {
			expect(ticket.probe).toBe(true);
			gaps.push(ticket.sentAt - refusedAt);
		}
		refusedAt = ticket.sentAt + 10;
		time.at(refusedAt, () => throttle.answered(ticket, true, info));
		const until = refusedAt;
		await time.run(() => time.now >= until);
	}
	expect(throttle.waiting).toBe(0);
	return gaps;
}

/** Each gap within a millisecond of the one expected (the virtual clock's timers are in whole ms). */
function expectGaps(gaps: number[], expected: number[]) {
	expect(gaps).toHaveLength(expected.length);
	gaps.forEach((gap, index) => expect(Math.abs(gap - expected[index])).toBeLessThanOrEqual(1));
}

test('probes into a block whose end BizKitHub did not say back off growing by half, to a minute', async () => {
	// A bare 429 (no Retry-After): a backoff with jitter (here at its middle, 3/4 of its ceiling)
	// from half a second, growing by half per refused probe, its ceiling capped at a minute.
	const gaps = await probeGaps({}, 16);
	const ceilings = gaps.map((_, index) => Math.min(60_000, 500 * 1.5 ** index));
	expectGaps(
		gaps,
		ceilings.map((ceiling) => Math.round(ceiling * 0.75)),
	);
	expect(ceilings[ceilings.length - 1]).toBe(60_000);
});

test('probes after "within a second" with no pace start at once, then grow by half from a sixteenth to a second', async () => {
	// Retry-After: 1 says the node goes a little too fast: no block; the next request is the probe.
	// Refused too, the probes back off by half more each time from a sixteenth of a second, never
	// longer than the second it stated. No jitter: the wait is the server's, shortened.
	const gaps = await probeGaps({ retryAfterMs: 1000 }, 9);
	expectGaps(
		gaps,
		gaps.map((_, index) => (index === 0 ? 0 : Math.min(1000, 62.5 * 1.5 ** (index + 1)))),
	);
});
