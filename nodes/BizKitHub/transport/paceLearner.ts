/** While the API's rate is unknown, the pace rises by this factor... */
const RAMP_FACTOR = 1.5;
/** ...every this many milliseconds. */
const RAMP_EVERY_MS = 200;
/** Once the rate is known, the pace still creeps up this much a second, in case it is low. */
const PROBE_FACTOR_PER_S = 1.04;
/** How far under the learnt rate the node paces itself. */
const MARGIN = 0.97;
/** How much the pace drops when the quota runs out again too soon to learn from. */
const SHORT_EPISODE_SLOWDOWN = 0.9;
/** The shortest episode a rate is learnt from. */
const MIN_EPISODE_MS = 300;

/**
 * Learns the rate of requests the API sustains, whatever limiter stands behind it, from when its
 * answers said that the quota had run out (a 429 that gives a wait, or X-RateLimit-Remaining at
 * 0), and gives the spacing of request starts that keeps the node just under that rate. Then the
 * quota running out no longer stops every request for a whole Retry-After second.
 *
 * The run is cut into episodes at each time the quota runs out. The first, sent at full speed
 * into a fresh quota, shows how many requests the API lets through at once (its burst). In each
 * later one the node knows when it sent every request: the rate is the one at which a bucket of
 * that burst, filled for the pause before the episode, would have let exactly the accepted
 * requests through and refused the last. (A fixed window is read the same way; where no rate
 * explains it, the accepted requests over the episode's time are taken.) The pace never drops
 * below the burst over its first cycle of burst and pause, which stopping at each refusal would
 * get anyway (a fixed window's limit per window). Until the first such
 * episode the pace rises quickly from what one pause let through; afterwards it creeps up, so a
 * rate learnt too low is found out by the next time the quota runs out.
 */
export class PaceLearner {
	private burst?: number;

	/**
	 * A rate the API is known to sustain: the burst over the first cycle of burst and pause (at
	 * least a second). Stopping at each refusal gets that much; pacing never goes below it.
	 */
	private floorRate = 0;

	private episodeStart = 0;

	private pauseBeforeMs = 0;

	/** When each request of the episode was sent, and whether it was accepted. */
	private sends: number[] = [];

	/** Requests a second to pace to; undefined: no pacing. */
	private pace?: number;

	private learnt = false;

	private lastRaiseAt = 0;

	/** Whether the API's rate has been learnt (the quota running out is then paced, not waited). */
	get isLearnt(): boolean {
		return this.learnt;
	}

	/** The requests a second the node paces itself to, if it does. */
	get paceRps(): number | undefined {
		return this.pace;
	}

	/** The gap to keep before the next request start, in milliseconds; 0 without pacing. */
	spacingMs(now: number): number {
		if (this.pace === undefined) return 0;
		const sinceRaise = now - this.lastRaiseAt;
		if (!this.learnt && sinceRaise >= RAMP_EVERY_MS) {
			this.pace *= RAMP_FACTOR;
			this.lastRaiseAt = now;
		} else if (this.learnt && sinceRaise >= 1000) {
			this.pace *= PROBE_FACTOR_PER_S ** (sinceRaise / 1000);
			this.lastRaiseAt = now;
		}
		return 1000 / this.pace;
	}

	/** A request that the API accepted was sent at `sentAt`. */
	accepted(sentAt: number): void {
		this.sends.push(sentAt);
	}

	/**
	 * The quota ran out at `now` (for a request sent at `sentAt`, refused, or accepted as the last
	 * one); the API asks to wait `waitMs`. Says whether to stop every request for that wait (while
	 * the rate is unknown) or to go on at the learnt pace (a refused request waits on its own).
	 */
	quotaRanOut(now: number, waitMs: number, refusedSentAt?: number): 'pause' | 'pace' {
		if (this.burst === undefined) {
			this.burst = Math.max(1, this.sends.length);
			const cycleMs = now + Math.max(0, waitMs) - (this.sends[0] ?? now);
			this.floorRate = this.burst / Math.max(1, cycleMs / 1000);
		} else if (now - this.episodeStart >= MIN_EPISODE_MS) {
			const rate = this.estimate(now, refusedSentAt);
			if (rate !== undefined && rate > 0) {
				this.pace = Math.max(rate * MARGIN, this.floorRate);
				this.learnt = true;
			}
		} else if (this.learnt && this.pace !== undefined) {
			// Too short to learn from, but too fast all the same.
			this.pace = Math.max(this.pace * SHORT_EPISODE_SLOWDOWN, this.floorRate);
		}
		const pause = this.learnt ? 0 : Math.max(0, waitMs);
		// While the rate is unknown, start again from what one pause let through, and rise from there.
		if (!this.learnt) this.pace ??= this.burst / Math.max(1, pause / 1000);
		this.lastRaiseAt = now + pause;
		this.episodeStart = now + pause;
		this.pauseBeforeMs = pause;
		this.sends = [];
		return this.learnt ? 'pace' : 'pause';
	}

	/**
	 * Replays the episode against a bucket of the burst refilling at `rate`: whether every accepted
	 * request would have gone through, and whether the refused one would have been refused.
	 */
	private replay(rate: number, refusedSentAt: number | undefined) {
		const burst = this.burst!;
		let tokens = Math.min(burst, (rate * this.pauseBeforeMs) / 1000);
		let at = this.episodeStart;
		const refill = (sentAt: number) => {
			tokens = Math.min(burst, tokens + (rate * Math.max(0, sentAt - at)) / 1000);
			at = Math.max(at, sentAt);
		};
		let acceptedAll = true;
		for (const sentAt of this.sends) {
			refill(sentAt);
			if (tokens < 1 - 1e-9) acceptedAll = false;
			tokens = Math.max(0, tokens - 1);
		}
		let refused = true;
		if (refusedSentAt !== undefined) {
			refill(refusedSentAt);
			refused = tokens < 1;
		}
		return { acceptedAll, refused };
	}

	/** Bisection for the edge of a condition that holds above it (`rising`) or below it. */
	private edge(test: (rate: number) => boolean, rising: boolean, high: number): number {
		let low = 0;
		for (let step = 0; step < 40; step++) {
			const middle = (low + high) / 2;
			if (test(middle) === rising) high = middle;
			else low = middle;
		}
		return rising ? high : low;
	}

	private estimate(now: number, refusedSentAt: number | undefined): number | undefined {
		const seconds = (now - this.episodeStart) / 1000;
		const accepted = this.sends.length / Math.max(seconds, 0.001);
		const ceiling = Math.max(1, accepted * 10);
		// The slowest rate that lets every accepted request through, and the fastest that still
		// refuses the refused one: a bucket's rate lies between them.
		const slowest = this.edge((rate) => this.replay(rate, undefined).acceptedAll, true, ceiling);
		const fastest =
			refusedSentAt === undefined
				? slowest
				: this.edge((rate) => this.replay(rate, refusedSentAt).refused, false, ceiling);
		if (slowest > fastest) return accepted;
		return (slowest + fastest) / 2;
	}
}
