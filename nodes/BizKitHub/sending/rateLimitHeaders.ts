import { MAX_PLAUSIBLE_WAIT_MS } from './retryPolicy';

/** What an answer says about the key's rate limit, in milliseconds since the epoch where a time. */
export interface RateLimitInfo {
	limit?: number;
	remaining?: number;
	/** X-RateLimit-Reset: when the quota recovers. */
	resetAtMs?: number;
	/** Retry-After on a 429: how long to wait before trying again. */
	retryAfterMs?: number;
}

type Headers = Record<string, unknown>;

function header(headers: Headers, name: string): string | undefined {
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	const text = Array.isArray(value) ? value[0] : value;
	return typeof text === 'string' || typeof text === 'number' ? String(text).trim() : undefined;
}

function number(text: string | undefined): number | undefined {
	if (text === undefined || text === '') return undefined;
	const value = Number(text);
	return Number.isFinite(value) ? value : undefined;
}

/**
 * Reads X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset (a Unix time in seconds,
 * whole or with a fraction) and Retry-After (seconds, or an HTTP date). A reset or a wait further
 * off than any rate-limit window could mean (MAX_PLAUSIBLE_WAIT_MS) is left out, as if not given.
 */
export function readRateLimit(headers: Headers | undefined, nowMs: number): RateLimitInfo {
	if (!headers) return {};
	const info: RateLimitInfo = {};
	const limit = number(header(headers, 'x-ratelimit-limit'));
	if (limit !== undefined) info.limit = limit;
	const remaining = number(header(headers, 'x-ratelimit-remaining'));
	if (remaining !== undefined) info.remaining = remaining;
	const reset = number(header(headers, 'x-ratelimit-reset'));
	if (reset !== undefined && reset * 1000 - nowMs <= MAX_PLAUSIBLE_WAIT_MS)
		info.resetAtMs = reset * 1000;
	const retryAfter = header(headers, 'retry-after');
	if (retryAfter !== undefined) {
		const seconds = number(retryAfter);
		const date = seconds === undefined ? Date.parse(retryAfter) : NaN;
		const waitMs =
			seconds !== undefined ? seconds * 1000 : Number.isNaN(date) ? undefined : date - nowMs;
		if (waitMs !== undefined && waitMs <= MAX_PLAUSIBLE_WAIT_MS)
			info.retryAfterMs = Math.max(0, waitMs);
	}
	return info;
}
