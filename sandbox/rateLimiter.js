// @ts-check
'use strict';

/**
 * Per-key rate limit as BizKitHub documents it: a sustained rate over a window with a burst
 * allowance, answered with whole seconds (Retry-After in seconds, at least 1; X-RateLimit-Reset
 * a Unix time in whole seconds). The algorithm behind it is not documented, so two are offered:
 * - `bucket` (default): a token bucket holding `burst` tokens, refilled at `limit / windowMs`;
 * - `window`: a fixed window of `windowMs` (aligned to the clock) letting `limit` requests through.
 */
class RateLimiter {
	/**
	 * @param {{ limit: number, windowMs: number, burst?: number, kind?: 'bucket' | 'window',
	 *   now?: () => number }} options
	 */
	constructor({ limit, windowMs, burst = limit, kind = 'bucket', now = Date.now }) {
		if (kind !== 'bucket' && kind !== 'window') throw new Error(`Unknown rate limiter ${kind}`);
		this.kind = kind;
		this.limit = limit;
		this.windowMs = windowMs;
		this.burst = burst;
		this.refillPerMs = limit / windowMs;
		this.now = now;
		/** @type {Map<string, { tokens: number, at: number }>} */
		this.buckets = new Map();
		/** @type {Map<string, { start: number, count: number }>} */
		this.windows = new Map();
	}

	bucket(key, now) {
		let bucket = this.buckets.get(key);
		if (!bucket) {
			bucket = { tokens: this.burst, at: now };
			this.buckets.set(key, bucket);
		}
		bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.refillPerMs);
		bucket.at = now;
		return bucket;
	}

	takeFromBucket(key, now) {
		const bucket = this.bucket(key, now);
		const allowed = bucket.tokens >= 1;
		if (allowed) bucket.tokens -= 1;
		return {
			allowed,
			remaining: Math.floor(bucket.tokens),
			resetAtMs: now + (this.burst - bucket.tokens) / this.refillPerMs,
			waitMs: allowed ? 0 : (1 - bucket.tokens) / this.refillPerMs,
		};
	}

	takeFromWindow(key, now) {
		const start = Math.floor(now / this.windowMs) * this.windowMs;
		let window = this.windows.get(key);
		if (!window || window.start !== start) {
			window = { start, count: 0 };
			this.windows.set(key, window);
		}
		const allowed = window.count < this.limit;
		if (allowed) window.count += 1;
		const end = start + this.windowMs;
		return {
			allowed,
			remaining: this.limit - window.count,
			resetAtMs: end,
			waitMs: allowed ? 0 : end - now,
		};
	}

	/**
	 * Takes one request's place if there is one.
	 * @returns {{ allowed: boolean, limit: number, remaining: number, resetAt: number,
	 *   retryAfter: number, retryAfterMs: number }}
	 *   resetAt: Unix time in whole seconds (rounded up) when the quota is whole again;
	 *   retryAfter: whole seconds to wait (rounded up, at least 1); retryAfterMs: the exact wait.
	 */
	take(key) {
		const now = this.now();
		const verdict =
			this.kind === 'bucket' ? this.takeFromBucket(key, now) : this.takeFromWindow(key, now);
		return {
			allowed: verdict.allowed,
			limit: this.limit,
			remaining: verdict.remaining,
			resetAt: Math.ceil(verdict.resetAtMs / 1000),
			retryAfter: Math.max(1, Math.ceil(verdict.waitMs / 1000)),
			retryAfterMs: verdict.waitMs,
		};
	}
}

module.exports = { RateLimiter };
