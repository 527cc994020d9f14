/** While only a lower bound of the rate is known, the pace rises by this factor... */
const RAMP_FACTOR = 2;
/** ...every this many milliseconds. */
const RAMP_EVERY_MS = 100;
/**
 * Once the rate is bounded, the upper bound is forgotten a little with each accepted send since
 * the last refusal, in case the rate rose (per send, so slow and fast limits drift alike).
 */
const HIGH_DRIFT_PER_SEND = 1.002;
/**
 * ...and at least this much a second, so that a slow pace (a share of a limit other n8n processes
 * use, which refuses nothing once every process has settled below it) also rises when they quiet.
 */
const HIGH_DRIFT_PER_S = 1.03;
/** Where between the bounds the pace sits (0: at the lower bound, 1: at the upper one). */
const BETWEEN_BOUNDS = 0.75;
/** Without a token bucket that explains what happened, how far under the seen rate to pace. */
const SEEN_RATE_MARGIN = 0.97;
/** ...and how fast that pace creeps up a second, so a rate seen too low is found out. */
const SEEN_RATE_CREEP_PER_S = 1.1;
/** ...and how much it drops at a round of refusals. */
const SEEN_RATE_SLOWDOWN = 0.9;
/** Timing noise a replay forgives, in tokens (network jitter moves arrivals a little). */
const SLACK = 0.1;
/**
 * Sends kept to learn from, at most. Before the quota first runs out the oldest go first; after,
 * accepted sends beyond it are counted but not kept, until a refusal (where the bucket is known
 * empty) starts the history again.
 */
export const MAX_HISTORY = 2000;
/**
 * A pause between sends this long ends a burst: the quota running out later is not the doing of
 * the sends before it (a day of one sign-up a minute is no burst of 1,440 requests).
 */
export const BURST_GAP_MS = 10_000;

interface Send {
	at: number;
	accepted: boolean;
}

/**
 * Learns the rate of requests the API sustains, whatever limiter stands behind it, and gives the
 * spacing of request starts that keeps the node at that rate. Then the quota running out no longer
 * stops every request for a whole Retry-After second.
 *
 * The first time the quota runs out (a 429, or X-RateLimit-Remaining at 0), the requests accepted
 * so far show how many the API lets through at once: its burst (at least one more than any quota
 * an answer reported left). From then on every send is kept: when it went, and whether it was
 * accepted. The rate is the one at which a token bucket of that burst, holding less than one token
 * when the quota ran out, would have accepted and refused exactly those sends: bisection gives the
 * lowest rate that accepts every accepted send and the highest that refuses every refused one.
 * (The quota each answer reports is not replayed: a few ms of timing noise make it fit no bucket
 * exactly, and a bucket would then be taken for a fixed window.) The pace sits between them; each
 * refusal lowers the upper bound and each send accepted at a higher pace raises the lower one, so
 * the pace closes in on the rate. Until a refusal gives an upper bound, the pace rises quickly from the lower one.
 * When no bucket explains the sends (a fixed window, say), the pace follows the rate of accepted
 * sends since the quota first ran out, creeping up and slowing down at each round of refusals.
 */
export class PaceLearner {
	private burst?: number;

	/** When the quota first ran out; sends from then on are learnt from. */
	private start = 0;

	private history: Send[] = [];

	/** The burst over its first cycle of burst and wait: a fixed window's rate. */
	private firstCycleRate = 0;

	/** Accepted sends since the quota first ran out, history trimmed or not. */
	private acceptedSinceStart = 0;

	private low = 0;

	private high?: number;

	/** Whether a token bucket explains the sends; if not, the pace follows the rate seen. */
	private bucketLike = true;

	/** Requests a second to pace to; undefined: no pacing. */
	private pace?: number;

	private lastRaiseAt = 0;

	private lastRefusalAt = 0;

	private acceptedSinceRefusal = 0;

	private lastAcceptedAt = 0;

	/** When the pace last slowed down for a round of refusals. */
	private lastSlowDownAt = 0;

	/** Whether the refusal being learnt from starts a new round of them. */
	private slowDown = false;

	/**
	 * Whether the API's rate is bounded from both sides, or known not to be a bucket's: the quota
	 * running out is then paced. (Refusals while the end of a wait is probed for bound it from
	 * above only; the first accepted probe could still be a fixed window's new start, or a slow
	 * bucket's one token: what comes after it tells which.)
	 */
	get isLearnt(): boolean {
		return (this.high !== undefined && this.acceptedSinceStart >= 2) || !this.bucketLike;
	}

	/** How many sends are kept to learn from (bounded by MAX_HISTORY). */
	get rememberedSends(): number {
		return this.history.length;
	}

	/** Whether the quota has run out once, which showed the API's burst. */
	get knowsBurst(): boolean {
		return this.burst !== undefined;
	}

	/**
	 * Whether the quota the API reports should be counted down and waited for: before it has run
	 * out once, and when no token bucket explains what it does (a fixed window's quota is exact).
	 * Otherwise the pace keeps the node at the rate, and a bucket paced right shows a quota of 0.
	 */
	get followsReportedQuota(): boolean {
		return this.burst === undefined || !this.bucketLike;
	}

	/** The requests a second the node paces itself to, if it does. */
	get paceRps(): number | undefined {
		return this.pace;
	}

	/** The gap to keep before the next request start, in milliseconds; 0 without pacing. */
	spacingMs(now: number): number {
		if (this.pace === undefined) return 0;
		const sinceRaise = now - this.lastRaiseAt;
		// (Only while requests are accepted: not while the end of a wait is being probed for.)
		if (
			!this.isLearnt &&
			sinceRaise >= RAMP_EVERY_MS &&
			this.lastAcceptedAt > this.lastRaiseAt &&
			this.lastRefusalAt <= this.lastRaiseAt
		) {
			this.learn(now);
			this.pace = Math.max(this.pace * RAMP_FACTOR, this.low);
			this.lastRaiseAt = now;
		} else if (this.isLearnt && sinceRaise >= 1000) {
			this.learn(now);
			this.lastRaiseAt = now;
		}
		return 1000 / this.pace;
	}

	/** A request sent at `sentAt` was accepted; `remaining` is the quota it reported left. */
	accepted(sentAt: number, remaining?: number): void {
		if (this.burst === undefined) {
			this.keepOnlyTheBurst(sentAt);
			this.history.push({ at: sentAt, accepted: true });
			if (this.history.length > MAX_HISTORY) this.history.shift();
			return;
		}
		// The quota left after a send: the burst is at least one more (an answer can overtake others
		// still out when the quota first runs out, and leave the burst counted short).
		if (remaining !== undefined) this.burst = Math.max(this.burst, remaining + 1);
		// Sent before the quota ran out: part of the burst, not of what is learnt from.
		if (sentAt < this.start) return;
		if (this.history.length < MAX_HISTORY) this.history.push({ at: sentAt, accepted: true });
		this.acceptedSinceStart += 1;
		this.acceptedSinceRefusal += 1;
		this.lastAcceptedAt = Math.max(this.lastAcceptedAt, sentAt);
	}

	/**
	 * The quota ran out at `now`: a request sent at `refusedSentAt` was refused, or (without it) an
	 * answer reported none left. The API asks to wait `waitMs`. `probing`: the refused request was
	 * one sent alone to find the end of an earlier wait. Says whether every request should stop for
	 * that wait (while the rate is unknown) or go on at the learnt pace.
	 */
	quotaRanOut(
		now: number,
		waitMs: number,
		refusedSentAt?: number,
		probing = false,
	): 'pause' | 'pace' {
		if (this.burst === undefined) {
			this.keepOnlyTheBurst(refusedSentAt ?? now);
			this.burst = Math.max(1, this.history.length);
			this.start = refusedSentAt ?? this.history[this.history.length - 1]?.at ?? now;
			// Start from the burst over the first cycle of burst and wait (a fixed window's rate); a
			// slower bucket says so by refusing, and the bounds bring the pace down.
			const firstAt = this.history[0]?.at ?? now;
			this.firstCycleRate =
				this.burst / Math.max(0.001, (now + Math.max(0, waitMs) - firstAt) / 1000);
			this.history = [];
			this.pace = this.firstCycleRate;
			this.lastRaiseAt = now;
			return 'pause';
		}
		if (refusedSentAt !== undefined && refusedSentAt >= this.start) {
			this.history.push({ at: refusedSentAt, accepted: false });
			// Refusals with no accepted send between them are one round: one slow-down.
			this.slowDown = this.lastAcceptedAt >= this.lastSlowDownAt;
			if (this.slowDown) this.lastSlowDownAt = now;
			this.lastRefusalAt = now;
			this.acceptedSinceRefusal = 0;
			if (this.history.length > MAX_HISTORY) {
				// The bucket was empty at this refusal: learning can start again from here.
				this.start = refusedSentAt;
				this.history = [];
			}
		}
		// A refused probe for the end of a wait bounds the rate, but says nothing of the pace: the
		// requests were held back, not sent too fast.
		if (!probing || this.isLearnt) this.learn(now);
		this.lastRaiseAt = now;
		return this.isLearnt ? 'pace' : 'pause';
	}

	/**
	 * Before the quota first runs out: keeps only the sends of the burst in progress at `at`, none
	 * when the last send came BURST_GAP_MS or more before it. (Each send trims so, so the sends kept
	 * have no such pause between them.)
	 */
	private keepOnlyTheBurst(at: number): void {
		const last = this.history[this.history.length - 1];
		if (last && at - last.at >= BURST_GAP_MS) this.history = [];
	}

	/** Bounds the rate from the sends and sets the pace from the bounds. */
	private learn(now: number): void {
		if (this.burst === undefined || this.history.length === 0) return;
		const top = this.searchTop();
		// When the quota ran out the bucket held less than one token, how much less is not known:
		// the lower bound assumes nearly one, the upper bound none, so that neither claims too much.
		const slowest = this.edge((rate) => this.replay(rate, 1 - 1e-6).tooSlow, top);
		const fastest = this.edge((rate) => !this.replay(rate, 0).tooFast, top);
		// At the top: no rate explains the accepted sends, or no rate was too fast for them.
		const explainsAccepted = slowest < top * 0.999;
		if (explainsAccepted) this.low = Math.max(this.low, slowest);
		if (fastest < top * 0.999) this.high = fastest;
		const wasBucketLike = this.bucketLike;
		this.bucketLike = explainsAccepted && (this.high === undefined || this.high >= this.low);
		if (!this.bucketLike) {
			// Found out just now: the pace so far was a bucket's guess. Start again from the first
			// cycle's rate (a window lets its limit through once a cycle), or what was seen if faster.
			if (wasBucketLike) this.pace = this.firstCycleRate * SEEN_RATE_MARGIN;
			// A fixed window, say: creep up between refusals, slow down at each round of them, never
			// below the rate of accepted sends since the quota first ran out.
			const seconds = Math.max(0.001, (now - this.start) / 1000);
			const seen = (this.acceptedSinceStart / seconds) * SEEN_RATE_MARGIN;
			const pace = this.pace ?? seen;
			const refusedNow = this.lastRefusalAt === now;
			const next = refusedNow
				? this.slowDown
					? pace * SEEN_RATE_SLOWDOWN
					: pace
				: pace * SEEN_RATE_CREEP_PER_S;
			this.slowDown = false;
			this.pace = Math.max(seen, next);
		} else if (this.isLearnt && this.high !== undefined) {
			const drift = Math.max(
				HIGH_DRIFT_PER_SEND ** this.acceptedSinceRefusal,
				HIGH_DRIFT_PER_S ** ((now - this.lastRefusalAt) / 1000),
			);
			const high = Math.max(this.low, this.high * drift);
			this.pace = this.low + (high - this.low) * BETWEEN_BOUNDS;
		} else if (this.lastRefusalAt === now) {
			// Refused while rising: back to the step before, and no higher until accepted again.
			this.pace = Math.max((this.pace ?? 0) / RAMP_FACTOR, this.low);
		} else {
			this.pace = Math.max(this.pace ?? 0, this.low);
		}
	}

	/** A rate surely above the API's: ten times the fastest the node has sent at, or more. */
	private searchTop(): number {
		const last = this.history[this.history.length - 1].at;
		const seconds = Math.max(0.001, (last - this.start) / 1000);
		return Math.max(1, ((this.history.length + 1) / seconds) * 10);
	}

	/**
	 * Replays the sends against a token bucket of the burst that refills at `rate` and held
	 * `initialTokens` when the quota first ran out: `tooSlow` if it would have refused an accepted
	 * send, `tooFast` if it would have accepted a refused one.
	 */
	private replay(rate: number, initialTokens: number): { tooSlow: boolean; tooFast: boolean } {
		const burst = this.burst!;
		let tokens = Math.min(initialTokens, burst);
		let at = this.start;
		let tooSlow = false;
		let tooFast = false;
		for (const send of this.history) {
			tokens = Math.min(burst, tokens + (rate * Math.max(0, send.at - at)) / 1000);
			at = Math.max(at, send.at);
			if (send.accepted) {
				if (tokens < 1 - SLACK) tooSlow = true;
				tokens = Math.max(0, tokens - 1);
			} else if (tokens >= Math.min(1 + SLACK, burst) - 1e-9) {
				// (A bucket of one is refused only when empty: full, it cannot have refused.)
				tooFast = true;
			}
		}
		return { tooSlow, tooFast };
	}

	/** Bisection for the lowest rate in (0, top] for which `below` no longer holds. */
	private edge(below: (rate: number) => boolean, top: number): number {
		let low = 0;
		let high = top;
		for (let step = 0; step < 30; step++) {
			const middle = (low + high) / 2;
			if (below(middle)) low = middle;
			else high = middle;
		}
		return high;
	}
}
