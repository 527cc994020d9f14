/** What an answer says about the key's rate limit, as the server gave it. */
export interface RateLimitInfo {
	/** X-RateLimit-Remaining: requests the key has left. */
	remaining?: number;
	/** X-RateLimit-Reset, ms since the epoch on the server's clock: when the quota is whole again. */
	resetAtMs?: number;
	/** Retry-After (on a 429): how long to wait before trying again. */
	retryAfterMs?: number;
	/** The Date header: the server's clock when it answered (whole seconds, rounded down). */
	dateMs?: number;
}

type Headers = Record<string, unknown>;

function header(headers: Headers, name: string): string | undefined {
	// (Node gives the names in lower case, as they are asked for here: searched only if not.)
	const key =
		headers[name] !== undefined
			? name
			: Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	const text = Array.isArray(value) ? value[0] : value;
	return typeof text === 'string' || typeof text === 'number' ? String(text).trim() : undefined;
}

function number(text: string | undefined): number | undefined {
	if (text === undefined || text === '') return undefined;
	const value = Number(text);
	return Number.isFinite(value) ? value : undefined;
}

function date(text: string | undefined): number | undefined {
	const ms = Date.parse(text ?? '');
	return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Reads X-RateLimit-Remaining, X-RateLimit-Reset (a Unix time in seconds), Retry-After (seconds,
 * or an HTTP date: then made a wait against the answer's Date) and Date. Whatever is missing or
 * not a number is left out.
 */
export function readRateLimit(headers: Headers | undefined): RateLimitInfo {
	if (!headers) return {};
	const info: RateLimitInfo = {};
	const dateMs = date(header(headers, 'date'));
	if (dateMs !== undefined) info.dateMs = dateMs;
	const remaining = number(header(headers, 'x-ratelimit-remaining'));
	if (remaining !== undefined) info.remaining = Math.max(0, Math.floor(remaining));
	const reset = number(header(headers, 'x-ratelimit-reset'));
	if (reset !== undefined) info.resetAtMs = reset * 1000;
	const retryAfter = header(headers, 'retry-after');
	const seconds = number(retryAfter);
	const until = seconds === undefined ? date(retryAfter) : undefined;
	if (seconds !== undefined) info.retryAfterMs = seconds * 1000;
	else if (until !== undefined && dateMs !== undefined) info.retryAfterMs = until - dateMs;
	return info;
}
