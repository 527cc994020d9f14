import { shareGate } from '../../../../../nodes/BizKitHub/sending/sharedGates';

test('executions with the same credential and host share one gate; others have their own', () => {
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
