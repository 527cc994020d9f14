/**
 * Rate limiters as BizKitHub may count (its documentation says "sliding window with a burst" and
 * no more): exact models, each able to say when it would next accept and to be copied, so that the
 * ideal client and the invariants can ask it what was possible.
 */

/** What the limiter decided for a request arriving at `t`, before it is rounded into headers. */
export interface Decision {
	allowed: boolean;
	/** The quota left that X-RateLimit-Remaining reports. */
	remaining: number;
	/** When that quota is whole again (or, for a log with `reset: 'next'`, when its next unit frees). */
	resetAtMs: number;
	/** For a refusal: how long until a request would be accepted. */
	waitMs: number;
}

export interface Limiter {
	/** X-RateLimit-Limit. */
	readonly limit: number;
	/** Decides a request arriving at `t` (true time, ms), taking a place when it accepts. */
	take(t: number): Decision;
	/** The earliest time from `t` at which a request would be accepted (with no other traffic). */
	nextAllowedAt(t: number): number;
	clone(): Limiter;
}

/** Rounding in the refill's arithmetic: a bucket this close to a token has it. */
const EPSILON = 1e-9;

/** A token bucket of `burst` tokens refilled at `perSecond`. */
export class TokenBucket implements Limiter {
	private tokens: number;

	private at = Number.NEGATIVE_INFINITY;

	constructor(
		private readonly perSecond: number,
		private readonly burst: number,
	) {
		this.tokens = burst;
	}

	get limit(): number {
		return this.burst;
	}

	private level(t: number): number {
		if (t <= this.at) return this.tokens;
		return Math.min(this.burst, this.tokens + ((t - this.at) * this.perSecond) / 1000);
	}

	take(t: number): Decision {
		this.tokens = this.level(t);
		this.at = Math.max(this.at, t);
		const allowed = this.tokens >= 1 - EPSILON;
		if (allowed) this.tokens = Math.max(0, this.tokens - 1);
		return {
			allowed,
			remaining: Math.floor(this.tokens),
			resetAtMs: t + ((this.burst - this.tokens) / this.perSecond) * 1000,
			waitMs: allowed ? 0 : ((1 - this.tokens) / this.perSecond) * 1000,
		};
	}

	nextAllowedAt(t: number): number {
		const tokens = this.level(t);
		return tokens >= 1 - EPSILON ? t : t + ((1 - tokens) / this.perSecond) * 1000;
	}

	clone(): TokenBucket {
		return Object.assign(new TokenBucket(this.perSecond, this.burst), this);
	}
}

/** A fixed window of `windowMs` (aligned to the clock) letting `limit` requests through. */
export class FixedWindow implements Limiter {
	private start = Number.NEGATIVE_INFINITY;

	private count = 0;

	constructor(
		readonly limit: number,
		private readonly windowMs: number,
	) {}

	private countAt(t: number): number {
		return Math.floor(t / this.windowMs) * this.windowMs === this.start ? this.count : 0;
	}

	take(t: number): Decision {
		const start = Math.floor(t / this.windowMs) * this.windowMs;
		if (start !== this.start) {
			this.start = start;
			this.count = 0;
		}
		const allowed = this.count < this.limit;
		if (allowed) this.count += 1;
		const end = start + this.windowMs;
		return {
			allowed,
			remaining: this.limit - this.count,
			resetAtMs: end,
			waitMs: allowed ? 0 : end - t,
		};
	}

	nextAllowedAt(t: number): number {
		return this.countAt(t) < this.limit ? t : Math.floor(t / this.windowMs + 1) * this.windowMs;
	}

	clone(): FixedWindow {
		return Object.assign(new FixedWindow(this.limit, this.windowMs), this);
	}
}

/**
 * A sliding log: at most `limit` requests in any `windowMs`. Its reset is when the oldest request
 * leaves the window (`next`: the next request may go) or when the newest does (`all`: the whole
 * quota is back).
 */
export class SlidingLog implements Limiter {
	private log: number[] = [];

	private head = 0;

	constructor(
		readonly limit: number,
		private readonly windowMs: number,
		private readonly reset: 'next' | 'all' = 'next',
	) {}

	/** The index of the oldest request still in the window at `t` (a question about the future included). */
	private oldestAt(t: number): number {
		let [low, high] = [this.head, this.log.length];
		while (low < high) {
			const middle = (low + high) >> 1;
			if (this.log[middle] <= t - this.windowMs) low = middle + 1;
			else high = middle;
		}
		return low;
	}

	/** Forgets the requests that have left the window at `t`, the limiter's present. */
	private expire(t: number): void {
		this.head = this.oldestAt(t);
		if (this.head > 4096 && this.head * 2 > this.log.length) {
			this.log = this.log.slice(this.head);
			this.head = 0;
		}
	}

	take(t: number): Decision {
		this.expire(t);
		const count = this.log.length - this.head;
		const allowed = count < this.limit;
		if (allowed) this.log.push(t);
		const oldest = this.log[this.head] ?? t;
		const newest = this.log[this.log.length - 1] ?? t;
		return {
			allowed,
			remaining: this.limit - (this.log.length - this.head),
			resetAtMs: (this.reset === 'next' ? oldest : newest) + this.windowMs,
			waitMs: allowed ? 0 : this.nextAllowedAt(t) - t,
		};
	}

	nextAllowedAt(t: number): number {
		const oldest = this.oldestAt(t);
		const count = this.log.length - oldest;
		if (count < this.limit) return t;
		return this.log[oldest + count - this.limit] + this.windowMs;
	}

	clone(): SlidingLog {
		const copy = new SlidingLog(this.limit, this.windowMs, this.reset);
		copy.log = this.log.slice(this.head);
		return copy;
	}
}

/**
 * Two limits at once, both of which must accept (a plan's hourly window and its burst counted per
 * second); X-RateLimit-Remaining and -Reset report the one named by `reports`.
 */
export class BothLimits implements Limiter {
	constructor(
		private readonly first: Limiter,
		private readonly second: Limiter,
		private readonly reports: 'first' | 'second',
	) {}

	get limit(): number {
		return (this.reports === 'first' ? this.first : this.second).limit;
	}

	take(t: number): Decision {
		const at = this.nextAllowedAt(t);
		const reported = this.reports === 'first' ? this.first : this.second;
		if (at > t) {
			// What the reported limit says now, without taking a place of it.
			const said = reported.clone().take(t);
			const remaining = said.allowed ? said.remaining + 1 : said.remaining;
			return { allowed: false, remaining, resetAtMs: said.resetAtMs, waitMs: at - t };
		}
		const firstSaid = this.first.take(t);
		const secondSaid = this.second.take(t);
		const said = this.reports === 'first' ? firstSaid : secondSaid;
		return { ...said, allowed: true, waitMs: 0 };
	}

	nextAllowedAt(t: number): number {
		let at = t;
		for (;;) {
			const next = Math.max(this.first.nextAllowedAt(at), this.second.nextAllowedAt(at));
			if (next === at) return at;
			at = next;
		}
	}

	clone(): BothLimits {
		return new BothLimits(this.first.clone(), this.second.clone(), this.reports);
	}
}

/**
 * Refuses everything until `untilMs` (true time), stating a wait of `retryAfterS` however little of
 * it is left, then accepts everything: a quota reset by BizKitHub, a plan upgraded, or a limiter
 * whose Retry-After says more than it means.
 */
export class Outage implements Limiter {
	readonly limit = 1;

	constructor(
		private readonly untilMs: number,
		private readonly retryAfterS: number,
	) {}

	take(t: number): Decision {
		const allowed = t >= this.untilMs;
		return {
			allowed,
			remaining: allowed ? 1 : 0,
			resetAtMs: allowed ? t : t + this.retryAfterS * 1000,
			waitMs: allowed ? 0 : this.retryAfterS * 1000,
		};
	}

	nextAllowedAt(t: number): number {
		return Math.max(t, this.untilMs);
	}

	clone(): Outage {
		return new Outage(this.untilMs, this.retryAfterS);
	}
}
