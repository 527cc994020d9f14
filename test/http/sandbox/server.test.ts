/** The sandbox is what every other test trusts, so its own behaviour is tested against the API notes. */
import { RateLimiter } from '../../../sandbox/rateLimiter';
import { startSandbox } from '../../../sandbox/server';
import { CustomerRegistry } from '../../../sandbox/registry';
import { credentialsFor, useSandbox, type Sandbox } from '../../helpers/sandbox';

interface Answer {
	success?: boolean;
	errorCode?: string;
	message?: string;
	error: { code: string; message: string; retry_after?: number };
}

async function register(sandbox: Sandbox, body: unknown, apiKey: string = sandbox.keys.dev) {
	const response = await fetch(`${sandbox.url}/api/v1/customer/register-account?apiKey=${apiKey}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	return {
		status: response.status,
		headers: response.headers,
		json: (await response.json()) as Answer,
	};
}

describe('register-account', () => {
	const sandbox = useSandbox();

	test('answers the four documented codes with HTTP 200, following the customers it holds', async () => {
		const s = sandbox();
		s.setCustomer('confirmed@example.com', 'confirmed');
		s.setCustomer('banned@example.com', 'banned');
		expect(await register(s, { email: 'new@example.com', password: 'x' })).toMatchObject({
			status: 200,
			json: { success: true },
		});
		expect((await register(s, { email: 'NEW@example.com', password: 'x' })).json).toEqual({
			success: false,
			errorCode: 'E004',
			message: 'Too many registration attempts.',
		});
		expect(
			(await register(s, { email: 'confirmed@example.com', password: 'x' })).json.errorCode,
		).toBe('E002');
		expect((await register(s, { email: 'banned@example.com', password: 'x' })).json.errorCode).toBe(
			'E003',
		);
		expect((await register(s, { email: 'x+e001@example.com', password: 'x' })).json).toEqual({
			success: false,
			errorCode: 'E001',
			message: 'Customer register failed.',
		});
	});

	test('refuses an unknown or missing key with PUBLIC_API_KEY_DOES_NOT_EXIST', async () => {
		const s = sandbox();
		for (const key of [s.keys.unknown, '', 'garbage']) {
			expect(await register(s, { email: 'a@example.com', password: 'x' }, key)).toMatchObject({
				status: 500,
				json: { error: { code: 'PUBLIC_API_KEY_DOES_NOT_EXIST' } },
			});
		}
	});

	test('refuses a body that is not normalized, naming each problem', async () => {
		const result = await register(sandbox(), {
			email: 'A@Example.COM',
			password: '',
			phone: '+420 777 123 456',
			country: 'cz',
			city: ' Kolín ',
		});
		expect(result.status).toBe(400);
		expect(result.json.error.code).toBe('VALIDATION_ERROR');
		for (const field of ['email', 'password', 'phone', 'country', 'city'])
			expect(result.json.error.message).toContain(field);
	});

	test('records each request with its key and body', async () => {
		const s = sandbox();
		await register(s, { email: 'a@example.com', password: 'x' });
		expect(s.registrations()).toEqual([
			expect.objectContaining({
				method: 'POST',
				apiKey: s.keys.dev,
				body: { email: 'a@example.com', password: 'x' },
				outcome: 'success',
			}),
		]);
	});

	test('lists the addresses it registered, in order, leaving out requests it refused', async () => {
		const s = sandbox();
		await register(s, { email: 'b@example.com', password: 'x' });
		await register(s, { email: 'A@Example.COM', password: 'x' });
		await register(s, { email: 'c@example.com', password: 'x' });
		await register(s, { email: 'b@example.com', password: 'x' });
		expect(s.registrations()).toHaveLength(4);
		expect(s.registeredAddresses()).toEqual(['b@example.com', 'c@example.com']);
	});
});

describe("a key's quota spent by someone else", () => {
	const sandbox = useSandbox();

	test('every request with that key is answered 429 with the Retry-After left; other keys go on', async () => {
		const s = sandbox();
		s.exhaust(s.keys.dev, 3600);
		const refused = await register(s, { email: 'x@example.com', password: 'x' });
		expect(refused.status).toBe(429);
		expect(refused.headers.get('retry-after')).toBe('3600');
		expect(refused.json.error.code).toBe('RATE_LIMIT_EXCEEDED');
		const other = await register(s, { email: 'y@example.com', password: 'x' }, s.keys.prod);
		expect(other.json).toEqual({ success: true });
		expect(s.registeredAddresses()).toEqual(['y@example.com']);
	});
});

describe('rate limiting', () => {
	const sandbox = useSandbox({ rateLimit: { limit: 2, windowMs: 1000, burst: 3 } });

	test('lets a burst through, then answers 429 with Retry-After, the X-RateLimit headers and the documented body', async () => {
		const s = sandbox();
		const answers = [];
		for (let index = 0; index < 4; index++)
			answers.push(await register(s, { email: `r${index}@example.com`, password: 'x' }));
		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
		expect(answers.map((answer) => answer.headers.get('x-ratelimit-remaining'))).toEqual([
			'2',
			'1',
			'0',
			'0',
		]);
		for (const answer of answers) {
			expect(answer.headers.get('x-ratelimit-limit')).toBe('2');
			expect(Number(answer.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(
				Math.floor(Date.now() / 1000),
			);
		}
		expect(answers[3].headers.get('retry-after')).toBe('1');
		expect(answers[3].json).toEqual({
			error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests', retry_after: 1 },
		});
		expect(s.stats.rateLimited).toBe(1);
	});

	test('can leave the X-RateLimit headers out, keeping Retry-After on a 429', async () => {
		const bare = await startSandbox({
			rateLimit: { limit: 1, windowMs: 1000, burst: 1, headers: false },
		});
		try {
			const first = await register(bare, { email: 'h1@example.com', password: 'x' });
			const second = await register(bare, { email: 'h2@example.com', password: 'x' });
			expect([first.status, second.status]).toEqual([200, 429]);
			for (const answer of [first, second]) {
				expect(answer.headers.get('x-ratelimit-remaining')).toBeNull();
				expect(answer.headers.get('x-ratelimit-reset')).toBeNull();
			}
			expect(second.headers.get('retry-after')).toBe('1');
		} finally {
			await bare.close();
		}
	});

	test('never limits a ROOT key', async () => {
		const s = sandbox();
		for (let index = 0; index < 6; index++) {
			const answer = await register(
				s,
				{ email: `root${index}@example.com`, password: 'x' },
				s.keys.root,
			);
			expect(answer.status).toBe(200);
			expect(answer.headers.get('x-ratelimit-limit')).toBeNull();
		}
	});

	test('keeps a separate bucket per key', async () => {
		const s = sandbox();
		for (let index = 0; index < 3; index++)
			await register(s, { email: `d${index}@example.com`, password: 'x' });
		expect((await register(s, { email: 'p@example.com', password: 'x' }, s.keys.prod)).status).toBe(
			200,
		);
		expect(credentialsFor(s).apiKey).toBe(s.keys.dev);
	});
});

test('a fixed window lets limit requests through per window, and says so in whole seconds', () => {
	let now = 1_800_000_000_250;
	const limiter = new RateLimiter({ kind: 'window', limit: 2, windowMs: 1000, now: () => now });
	expect([limiter.take('k'), limiter.take('k'), limiter.take('k')]).toEqual([
		expect.objectContaining({ allowed: true, remaining: 1, resetAt: 1_800_000_001 }),
		expect.objectContaining({ allowed: true, remaining: 0, resetAt: 1_800_000_001 }),
		expect.objectContaining({ allowed: false, remaining: 0, retryAfter: 1, retryAfterMs: 750 }),
	]);
	now += 750;
	expect(limiter.take('k')).toMatchObject({ allowed: true, remaining: 1, resetAt: 1_800_000_002 });
});

test('the token bucket answers in whole seconds: Retry-After at least 1, the reset rounded up', () => {
	const now = 1_800_000_000_000;
	const limiter = new RateLimiter({ limit: 20, windowMs: 1000, burst: 1, now: () => now });
	limiter.take('k');
	const refused = limiter.take('k');
	expect(refused).toMatchObject({ allowed: false, retryAfter: 1, resetAt: 1_800_000_001 });
	expect(refused.retryAfterMs).toBeCloseTo(50);
});

test('the token bucket refills at limit per window, up to the burst', () => {
	let now = 0;
	const limiter = new RateLimiter({ limit: 10, windowMs: 1000, burst: 2, now: () => now });
	expect([limiter.take('k').allowed, limiter.take('k').allowed, limiter.take('k').allowed]).toEqual(
		[true, true, false],
	);
	expect(limiter.take('k').retryAfterMs).toBeCloseTo(100);
	now = 100;
	expect(limiter.take('k').allowed).toBe(true);
	now = 10_000;
	expect(limiter.take('k')).toMatchObject({ allowed: true, remaining: 1 });
});

test('a pending registration may be repeated after ten minutes', () => {
	let now = 0;
	const registry = new CustomerRegistry({ now: () => now });
	expect(registry.register('org', 'a@example.com')).toEqual({ success: true });
	now = 9 * 60 * 1000;
	expect(registry.register('org', 'a@example.com')).toMatchObject({ errorCode: 'E004' });
	now = 20 * 60 * 1000;
	expect(registry.register('org', 'a@example.com')).toEqual({ success: true });
	expect(registry.register('other-org', 'a@example.com')).toEqual({ success: true });
});

describe('latency', () => {
	const sandbox = useSandbox({ latencyMs: 120 });

	test('delays each answer by the configured time', async () => {
		const started = Date.now();
		await register(sandbox(), { email: 'slow@example.com', password: 'x' });
		expect(Date.now() - started).toBeGreaterThanOrEqual(115);
	});

	test('counts its answers and the time they took, for the benchmark to report', async () => {
		const before = { ...sandbox().stats };
		await register(sandbox(), { email: 'counted@example.com', password: 'x' });
		expect(sandbox().stats.answered).toBe(before.answered + 1);
		expect(sandbox().stats.answerMs - before.answerMs).toBeGreaterThanOrEqual(115);
	});
});
