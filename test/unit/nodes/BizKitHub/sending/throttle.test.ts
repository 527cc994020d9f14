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

test('a probe with no answer is awaited for four of the slowest recent round trips, not of the last', async () => {
	const time = new VirtualTime(0);
	const clock = time.clock(0, () => 0, () => 0.5);
	const throttle = new Throttle(clock);

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
