import { MAX_HISTORY, PaceLearner } from '../../../../../nodes/BizKitHub/sending/paceLearner';
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

describe('what the learner keeps', () => {
	test('a day of one sign-up a minute is no burst: at a 429 the pace is not one a minute', () => {
		const learner = new PaceLearner();
		const minute = 60_000;
		for (let sent = 0; sent < 1440; sent++) learner.accepted(sent * minute);
		expect(learner.rememberedSends).toBeLessThanOrEqual(1);
		const refusedAt = 1440 * minute;
		expect(learner.quotaRanOut(refusedAt, 1000, refusedAt)).toBe('pause');
		// Nothing of the day before explains the refusal: start from the wait itself, one a second.
		expect(learner.paceRps).toBeGreaterThanOrEqual(0.5);
	});

	test('a burst is the sends since the last pause: its size and rate start the pace', () => {
		const learner = new PaceLearner();
		for (let sent = 0; sent < 30; sent++) learner.accepted(sent * 60_000);
		const burstStart = 30 * 60_000;
		for (let sent = 0; sent < 10; sent++) learner.accepted(burstStart + sent * 10);
		expect(learner.rememberedSends).toBe(10);
		learner.quotaRanOut(burstStart + 100, 1000, burstStart + 100);
		expect(learner.paceRps).toBeCloseTo(10_000 / 1100);
	});

	test('never more than MAX_HISTORY sends, before or after the quota first ran out', () => {
		const learner = new PaceLearner();
		let at = 0;
		for (let sent = 0; sent < 3 * MAX_HISTORY; sent++) learner.accepted((at += 5));
		expect(learner.rememberedSends).toBe(MAX_HISTORY);
		learner.quotaRanOut((at += 5), 1000, at);
		at += 1000;
		for (let sent = 0; sent < 3 * MAX_HISTORY; sent++) {
			learner.accepted((at += 5));
			learner.spacingMs(at);
		}
		expect(learner.rememberedSends).toBeLessThanOrEqual(MAX_HISTORY);
	});
});
