import { ServerClock } from '../../../../../nodes/BizKitHub/sending/serverClock';

describe("the server's clock, learnt from the Date of its answers", () => {
	// The server's clock stands 1,234,567.3 s ahead of the node's monotonic clock.
	const offset = 1_234_567_300;
	/** An answer to a request sent at `sentAt` that the server handled `half` ms later and answered at twice that. */
	const answer = (clock: ServerClock, sentAt: number, half = 40) => {
		const handledAt = sentAt + half + offset;
		clock.observe(Math.floor(handledAt / 1000) * 1000, sentAt, sentAt + 2 * half);
	};

	test('without a Date, the wall clock is all there is', () => {
		expect(new ServerClock().serverTime(5, 1_000_000)).toBe(1_000_000);
	});

	test('one answer places it within a second and a round trip; answers across its second turning place it within a round trip', () => {
		const clock = new ServerClock();
		answer(clock, 0);
		expect(Math.abs(clock.serverTime(100, 0) - (100 + offset))).toBeLessThanOrEqual(540);
		for (let sentAt = 50; sentAt < 3000; sentAt += 137) answer(clock, sentAt);
		expect(Math.abs(clock.serverTime(5000, 0) - (5000 + offset))).toBeLessThanOrEqual(80);
	});

	test('whatever the wall clock does', () => {
		const clock = new ServerClock();
		for (let sentAt = 0; sentAt < 3000; sentAt += 137) answer(clock, sentAt);
		const placed = clock.serverTime(4000, 0);
		expect(clock.serverTime(4000, -3_600_000)).toBe(placed);
		expect(clock.serverTime(4000, 3_600_000)).toBe(placed);
	});

	test('a server whose clock is set is followed, not left behind', () => {
		const clock = new ServerClock();
		for (let sentAt = 0; sentAt < 3000; sentAt += 137) answer(clock, sentAt);
		// An hour later on the server's clock: no answer agrees with what was learnt; start again.
		clock.observe(Math.floor((3100 + 40 + offset + 3_600_000) / 1000) * 1000, 3100, 3180);
		expect(Math.abs(clock.serverTime(3200, 0) - (3200 + offset + 3_600_000))).toBeLessThanOrEqual(
			1100,
		);
	});
});
