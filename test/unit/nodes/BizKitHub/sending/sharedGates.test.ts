import { gateKeyOf, shareGate } from '../../../../../nodes/BizKitHub/sending/sharedGates';

const KEY = `DEV_${'a'.repeat(28)}`;
const OTHER_KEY = `DEV_${'b'.repeat(28)}`;

describe('what identifies a gate', () => {
	test('the same host however written, with the same key, is one gate', () => {
		const key = gateKeyOf('https://api.example.test', KEY);
		for (const written of [
			'https://api.example.test/',
			'https://API.Example.test//',
			' https://api.example.test:443 ',
		])
			expect(gateKeyOf(written, KEY)).toBe(key);
	});

	test('another key, host, port, scheme or path is another gate', () => {
		const key = gateKeyOf('https://api.example.test', KEY);
		for (const other of [
			gateKeyOf('https://api.example.test', OTHER_KEY),
			gateKeyOf('https://staging.example.test', KEY),
			gateKeyOf('https://api.example.test:8443', KEY),
			gateKeyOf('http://api.example.test', KEY),
			gateKeyOf('https://api.example.test/proxy', KEY),
		])
			expect(other).not.toBe(key);
	});

	test('holds no part of the key, only its digest', () => {
		const key = gateKeyOf('https://api.example.test', KEY);
		for (let start = 0; start + 6 <= KEY.length; start++)
			expect(key).not.toContain(KEY.slice(start, start + 6));
	});
});

test('executions with the same gate key share one gate; others have their own', () => {
	const first = shareGate('cred-1|https://api.example.test');
	const second = shareGate('cred-1|https://api.example.test');
	const otherHost = shareGate('cred-1|https://staging.example.test');
	const otherCredential = shareGate('cred-2|https://api.example.test');
	expect(second.gate).toBe(first.gate);
	expect(otherHost.gate).not.toBe(first.gate);
	expect(otherCredential.gate).not.toBe(first.gate);
	for (const each of [first, second, otherHost, otherCredential]) each.release();
});

test('what a gate learnt is kept for the next execution, until nobody has used it for ten minutes', () => {
	const start = Date.now();
	const first = shareGate('cred-keep|https://api.example.test', start);
	first.release();
	const soon = shareGate('cred-keep|https://api.example.test', start + 60_000);
	expect(soon.gate).toBe(first.gate);
	soon.release();
	const later = shareGate('cred-keep|https://api.example.test', Date.now() + 11 * 60_000);
	expect(later.gate).not.toBe(first.gate);
	later.release();
});

test('a gate in use is never dropped, however long its execution runs', () => {
	const running = shareGate('cred-long|https://api.example.test');
	const muchLater = shareGate('cred-long|https://api.example.test', Date.now() + 60 * 60_000);
	expect(muchLater.gate).toBe(running.gate);
	running.release();
	running.release(); // a second release changes nothing
	muchLater.release();
});
