import { RefillWatch } from '../../../../../nodes/BizKitHub/sending/refillWatch';

/** Feeds answers as [sentAt, answeredAt, remaining, resetAtMs] and says what the watch concluded. */
function watch(answers: Array<[number, number, number | undefined, number | undefined]>) {
	const refill = new RefillWatch();
	for (const [sentAt, answeredAt, remaining, resetAtMs] of answers)
		refill.observe(sentAt, answeredAt, remaining, resetAtMs);
	return refill.refillsGradually;
}

describe('RefillWatch', () => {
	test('a token bucket: the quota grows between answers, long before the reset it reported', () => {
		expect(
			watch([
				[0, 10, 0, 2000],
				[300, 310, 1, 2000],
			]),
		).toBe(true);
	});

	test('a fixed window: the quota only comes back at the reset', () => {
		expect(
			watch([
				[0, 10, 3, 1000],
				[100, 110, 0, 1000],
				[500, 510, 0, 1000],
				[1000, 1010, 4, 2000],
				[1020, 1030, 3, 2000],
			]),
		).toBe(false);
	});

	test('answers to requests sent together, arriving out of order, say nothing of a refill', () => {
		// The request sent first was counted first (4 left) but its answer came last.
		expect(
			watch([
				[0, 30, 3, 2000],
				[0, 40, 4, 2000],
			]),
		).toBe(false);
	});

	test('an API that reports no quota or no reset tells nothing', () => {
		expect(
			watch([
				[0, 10, 0, undefined],
				[300, 310, 1, undefined],
				[400, 410, undefined, 2000],
				[500, 510, undefined, 2000],
			]),
		).toBe(false);
	});
});
