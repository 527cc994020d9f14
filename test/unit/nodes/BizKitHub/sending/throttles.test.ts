import type { Clock } from '../../../../../nodes/BizKitHub/sending/clock';
import { ThrottleRegistry, throttleKeyOf } from '../../../../../nodes/BizKitHub/sending/throttles';

/** A registry whose clock reads `time.now`. */
function registryAt(time: { now: number }) {
	const clock: Clock = {
		now: () => time.now,
		wallNow: () => time.now,
		sleep: async () => {},
		random: Math.random,
	};
	return new ThrottleRegistry(clock);
}

const KEY = `DEV_${'a'.repeat(28)}`;
const OTHER_KEY = `DEV_${'b'.repeat(28)}`;

describe('what identifies a throttle', () => {
	test('the same host however written, with the same key, is one throttle', () => {
		const key = throttleKeyOf('https://api.example.test', KEY);
		for (const written of [
			'https://api.example.test/',
			'https://API.Example.test//',
			' https://api.example.test:443 ',
		])
			expect(throttleKeyOf(written, KEY)).toBe(key);
	});

	test('another key, host, port, scheme or path is another throttle', () => {
		const key = throttleKeyOf('https://api.example.test', KEY);
		for (const other of [
			throttleKeyOf('https://api.example.test', OTHER_KEY),
			throttleKeyOf('https://staging.example.test', KEY),
			throttleKeyOf('https://api.example.test:8443', KEY),
			throttleKeyOf('http://api.example.test', KEY),
			throttleKeyOf('https://api.example.test/proxy', KEY),
		])
			expect(other).not.toBe(key);
	});

	test('holds no part of the key, only its digest', () => {
		const key = throttleKeyOf('https://api.example.test', KEY);
		for (let start = 0; start + 6 <= KEY.length; start++)
			expect(key).not.toContain(KEY.slice(start, start + 6));
	});
});

test('executions with the same key share one throttle; others have their own', () => {
	const throttles = registryAt({ now: 0 });
	const first = throttles.share('cred-1|https://api.example.test');
	const second = throttles.share('cred-1|https://api.example.test');
	const otherHost = throttles.share('cred-1|https://staging.example.test');
	const otherCredential = throttles.share('cred-2|https://api.example.test');
	expect(second.throttle).toBe(first.throttle);
	expect(otherHost.throttle).not.toBe(first.throttle);
	expect(otherCredential.throttle).not.toBe(first.throttle);
	for (const each of [first, second, otherHost, otherCredential]) each.release();
});

test('what a throttle knows is kept for the next execution, until nobody has used it for ten minutes', () => {
	const time = { now: 0 };
	const throttles = registryAt(time);
	const first = throttles.share('cred-keep|https://api.example.test');
	first.release();
	time.now = 60_000;
	const soon = throttles.share('cred-keep|https://api.example.test');
	expect(soon.throttle).toBe(first.throttle);
	soon.release();
	time.now += 11 * 60_000;
	const later = throttles.share('cred-keep|https://api.example.test');
	expect(later.throttle).not.toBe(first.throttle);
	later.release();
	// The idle one went: the registry holds only what is in use or was lately.
	expect(throttles.size).toBe(1);
});

test('a throttle in use is never dropped, however long its execution runs', () => {
	const time = { now: 0 };
	const throttles = registryAt(time);
	const running = throttles.share('cred-long|https://api.example.test');
	time.now = 60 * 60_000;
	const muchLater = throttles.share('cred-long|https://api.example.test');
	expect(muchLater.throttle).toBe(running.throttle);
	running.release();
	running.release(); // a second release changes nothing
	time.now += 11 * 60_000;
	expect(throttles.share('cred-long|https://api.example.test').throttle).toBe(running.throttle);
});
