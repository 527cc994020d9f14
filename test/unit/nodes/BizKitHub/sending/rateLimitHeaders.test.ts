import { RateLimitGate } from '../../../../../nodes/BizKitHub/sending/rateLimitGate';
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

	test('a reset or a wait further off than a day is left out, as a mistake no rate-limit window could mean', () => {
		// Milliseconds where seconds are documented: a reset 56,000 years away.
		expect(readRateLimit({ 'x-ratelimit-reset': String(now) }, now)).toEqual({});
		expect(readRateLimit({ 'retry-after': String(now) }, now)).toEqual({});
		expect(readRateLimit({ 'retry-after': '86401' }, now)).toEqual({});
		// A day, or an hour as BizKitHub documents, is obeyed.
		expect(readRateLimit({ 'retry-after': '86400' }, now).retryAfterMs).toBe(86_400_000);
		expect(readRateLimit({ 'x-ratelimit-reset': String(now / 1000 + 3600) }, now).resetAtMs).toBe(
			now + 3_600_000,
		);
	});

	test('one answer with a reset in milliseconds does not stop every later request', async () => {
		const gate = new RateLimitGate(300_000);
		expect(await gate.acquire()).toBe('go');
		const nowMs = Date.now();
		const info = readRateLimit(
			{ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(nowMs) },
			nowMs,
		);
		gate.record(info, false);
		expect(await gate.acquire()).toBe('go');
	});
});
