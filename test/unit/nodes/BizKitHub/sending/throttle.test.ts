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
