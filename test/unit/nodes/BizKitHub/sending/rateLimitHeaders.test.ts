import { readRateLimit } from '../../../../../nodes/BizKitHub/sending/rateLimitHeaders';

describe('reading the rate-limit headers', () => {
	const date = 'Mon, 04 Jan 2027 09:00:00 GMT';
	const dateMs = Date.UTC(2027, 0, 4, 9);

	test('reads the quota left, the reset as a time on the server clock, and the Date', () => {
		expect(
			readRateLimit({
				'X-RateLimit-Limit': '1000',
				'x-ratelimit-remaining': '0',
				'x-ratelimit-reset': String(dateMs / 1000 + 3),
				Date: date,
			}),
		).toEqual({ remaining: 0, resetAtMs: dateMs + 3000, dateMs });
		expect(readRateLimit({ 'X-RateLimit-Reset': '1800000000.25' })).toEqual({
			resetAtMs: 1_800_000_000_250,
		});
	});

	test('reads Retry-After in seconds, or as an HTTP date against the Date of the answer', () => {
		expect(readRateLimit({ 'retry-after': '3' }).retryAfterMs).toBe(3000);
		expect(
			readRateLimit({ 'retry-after': new Date(dateMs + 7000).toUTCString(), date }).retryAfterMs,
		).toBe(7000);
		// Without a Date, an HTTP date cannot be made a wait: the node's own clock may be off.
		expect(readRateLimit({ 'retry-after': new Date(dateMs + 7000).toUTCString() })).toEqual({});
		expect(readRateLimit({ 'retry-after': 'soon' }).retryAfterMs).toBeUndefined();
	});

	test('no headers, or unreadable ones, say nothing; a negative quota is none', () => {
		expect(readRateLimit(undefined)).toEqual({});
		expect(readRateLimit({ 'x-ratelimit-remaining': 'many', date: 'yesterday' })).toEqual({});
		expect(readRateLimit({ 'x-ratelimit-remaining': '-3' })).toEqual({ remaining: 0 });
		expect(readRateLimit({ 'x-ratelimit-remaining': ['7', '9'] })).toEqual({ remaining: 7 });
	});
});
