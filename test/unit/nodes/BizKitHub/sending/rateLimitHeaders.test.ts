import { readRateLimit } from '../../../../../nodes/BizKitHub/sending/rateLimitHeaders';

describe('reading the rate-limit headers', () => {
	const now = 1_800_000_000_000;

	test('reads limit, remaining and a reset time in whole or fractional seconds', () => {
		expect(
			readRateLimit(
				{
					'x-ratelimit-limit': '1000',
					'x-ratelimit-remaining': '0',
					'x-ratelimit-reset': '1800000003',
				},
				now,
			),
		).toEqual({
			limit: 1000,
			remaining: 0,
			resetAtMs: 1_800_000_003_000,
		});
		expect(readRateLimit({ 'X-RateLimit-Reset': '1800000000.25' }, now)).toEqual({
			resetAtMs: 1_800_000_000_250,
		});
	});

	test('reads Retry-After in seconds or as an HTTP date', () => {
		expect(readRateLimit({ 'retry-after': '3' }, now).retryAfterMs).toBe(3000);
		expect(
			readRateLimit({ 'retry-after': new Date(now + 7000).toUTCString() }, now).retryAfterMs,
		).toBe(7000);
		expect(readRateLimit({ 'retry-after': 'soon' }, now).retryAfterMs).toBeUndefined();
	});

	test('no headers, or unreadable ones, say nothing', () => {
		expect(readRateLimit(undefined, now)).toEqual({});
		expect(readRateLimit({ 'x-ratelimit-remaining': 'many' }, now)).toEqual({});
	});
});
