'use strict';

/**
 * Per-key rate limit as BizKitHub describes it: a sustained rate over a window with a burst
 * allowance. Modelled as a token bucket holding `burst` tokens, refilled at `limit / windowMs`.
 */
class RateLimiter {
	/** @param {{ limit: number, windowMs: number, burst: number, now?: () => number }} options */
	constructor({ limit, windowMs, burst, now = Date.now }) {
		this.limit = limit;
		this.burst = burst;
		this.refillPerMs = limit / windowMs;
		this.now = now;
		/** @type {Map<string, { tokens: number, at: number }>} */
		this.buckets = new Map();
	}

	bucket(key) {
		const now = this.now();
		let bucket = this.buckets.get(key);
		if (!bucket) {
			bucket = { tokens: this.burst, at: now };
			this.buckets.set(key, bucket);
		}
		bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.refillPerMs);
		bucket.at = now;
		return bucket;
	}

	/**
	 * Takes one request's token if there is one.
	 * @returns {{ allowed: boolean, limit: number, remaining: number, resetAt: number, retryAfterMs: number }}
	 *   resetAt: Unix time in seconds, to the millisecond, when the bucket is full again (the sandbox
	 *   gives the fraction; a whole-second value would make a client wait up to a second more);
	 *   retryAfterMs: wait until the next token.
	 */
	take(key) {
		const bucket = this.bucket(key);
		const allowed = bucket.tokens >= 1;
		if (allowed) bucket.tokens -= 1;
		const now = this.now();
		const msToFull = (this.burst - bucket.tokens) / this.refillPerMs;
		const retryAfterMs = allowed ? 0 : (1 - bucket.tokens) / this.refillPerMs;
		return {
			allowed,
			limit: this.limit,
			remaining: Math.floor(bucket.tokens),
			resetAt: Math.ceil(now + msToFull) / 1000,
			retryAfterMs,
		};
	}
}

module.exports = { RateLimiter };
