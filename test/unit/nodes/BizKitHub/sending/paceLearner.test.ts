import { PaceLearner } from '../../../../../nodes/BizKitHub/sending/paceLearner';
import { RateLimiter } from '../../../../../sandbox/rateLimiter';

/**
 * Drives the learner against the sandbox's limiter on a virtual clock, as the gate does: a request
 * goes each time the pace allows; an accepted one is reported, a refused one ends the episode
 * (a pause of Retry-After while the rate is unknown; then the refused request waits on its own).
 */
function drive(limiter: RateLimiter, clock: { now: number }, seconds: number) {
	const learner = new PaceLearner();
	const acceptedAt: number[] = [];
	const end = clock.now + seconds * 1000;
	let refusals = 0;
	while (clock.now < end) {
		const verdict = limiter.take('key');
		if (verdict.allowed) {
			learner.accepted(clock.now);
			acceptedAt.push(clock.now);
		} else {
			refusals++;
			const decision = learner.quotaRanOut(clock.now, verdict.retryAfter * 1000, clock.now);
			if (decision === 'pause') clock.now += verdict.retryAfter * 1000;
		}
		clock.now += Math.max(1, learner.spacingMs(clock.now));
	}
	return { learner, acceptedAt, refusals };
}

test('the first time the quota runs out, the node pauses: nothing is known of the rate yet', () => {
	const learner = new PaceLearner();
	for (let sent = 0; sent < 5; sent++) learner.accepted(sent);
	expect(learner.quotaRanOut(6, 1000, 6)).toBe('pause');
	expect(learner.isLearnt).toBe(false);
	// To start from: the burst over its first cycle of burst and wait.
	expect(learner.paceRps).toBeCloseTo(5000 / 1006);
});

test.each([
	[20, 5],
	[50, 20],
	[5, 1],
	[10, 1],
])(
	'against a token bucket of %d/s, burst %d, answering in whole seconds, it learns the rate and keeps close under it',
	(limit, burst) => {
		const clock = { now: 1_800_000_000_000 };
		const limiter = new RateLimiter({ limit, windowMs: 1000, burst, now: () => clock.now });
		const { learner, acceptedAt, refusals } = drive(limiter, clock, 30);
		expect(learner.isLearnt).toBe(true);
		expect(learner.paceRps).toBeGreaterThan(limit * 0.8);
		expect(learner.paceRps).toBeLessThan(limit * 1.3);
		// Over the last 20 s, the accepted requests come at 85% of the rate or more (probing upwards costs
		// a refused request now and then, which a burst of 1 feels most), with few refusals.
		const last = acceptedAt.filter((at) => at >= clock.now - 20000).length;
		expect(last / 20).toBeGreaterThanOrEqual(limit * 0.85);
		expect(refusals).toBeLessThan(30);
	},
);

test('against a fixed window it keeps the rate the window allows, give or take', () => {
	const clock = { now: 1_800_000_000_300 };
	const limiter = new RateLimiter({
		kind: 'window',
		limit: 20,
		windowMs: 1000,
		now: () => clock.now,
	});
	const { acceptedAt } = drive(limiter, clock, 30);
	const last = acceptedAt.filter((at) => at >= clock.now - 20000).length;
	expect(last / 20).toBeGreaterThanOrEqual(20 * 0.8);
});
