import * as n8nWorkflow2 from 'n8n-workflow';
// n8n-workflow as n8n 1.123 ships it (a dev dependency under another name).
import * as n8nWorkflow1 from 'n8n-workflow-1';

import { abortableSleep, timerWithAbort } from '../../../../../nodes/BizKitHub/compat/sleep';
import { abortListeners, activeTimers as timers } from '../../../../helpers/resources';
import { settled } from '../../../../helpers/settled';

/** Waits 5 s, stopped after 50 ms: how long the wait took, and the timers it left behind. */
async function stoppedWait(exports: object) {
	const wait = timerWithAbort(exports as Record<string, unknown>);
	const before = timers();
	const stop = new AbortController();
	const started = Date.now();
	const waiting = abortableSleep(5000, stop.signal, wait);
	await settled();
	void n8nWorkflow2.sleep(50).then(() => stop.abort());
	await waiting;
	const tookMs = Date.now() - started;
	await settled();
	return { tookMs, timersLeft: timers() - before };
}

describe.each([
	['n8n 2.x', n8nWorkflow2],
	['n8n 1.x', n8nWorkflow1],
])('a wait on %s', (_n8n, exports) => {
	test('ends within a moment of Stop and leaves no timer behind', async () => {
		const { tookMs, timersLeft } = await stoppedWait(exports);
		expect(tookMs).toBeLessThan(1000);
		expect(timersLeft).toBeLessThanOrEqual(0);
	});

	test('runs its time when not stopped, and leaves no listener on the signal', async () => {
		const signal = new AbortController().signal;
		const started = Date.now();
		await abortableSleep(30, signal, timerWithAbort(exports as Record<string, unknown>));
		expect(Date.now() - started).toBeGreaterThanOrEqual(25);
		expect(abortListeners(signal)).toBe(0);
	});
});

test("n8n 1.x's own sleep ignores the signal: the node does not rely on it", async () => {
	expect(n8nWorkflow1.sleep.length).toBe(1);
	expect(typeof (n8nWorkflow1 as Record<string, unknown>).sleepWithAbort).toBe('function');
});

test('an n8n with neither a signal-aware sleep nor sleepWithAbort still ends the wait on Stop', async () => {
	const oldest = { sleep: async (ms: number) => await n8nWorkflow2.sleep(ms) };
	const { tookMs } = await stoppedWait(oldest);
	expect(tookMs).toBeLessThan(1000);
});

test('a wait ended early or run out builds no error of its own: every wait is ended with the same reason', async () => {
	// (abort() without a reason builds a DOMException, and n8n's sleep wraps a reason that is not an
	// Error in a new one: a stack trace each, once per request, for an attempt's deadline is a wait.)
	const signals: AbortSignal[] = [];
	const wait = async (ms: number, own: AbortSignal) => {
		signals.push(own);
		await n8nWorkflow2.sleep(ms, own);
	};
	const stop = new AbortController();
	const stopped = abortableSleep(5000, stop.signal, wait);
	stop.abort();
	await stopped;
	await abortableSleep(1, new AbortController().signal, wait);
	const [endedEarly, ranOut] = signals.map((signal) => signal.reason as unknown);
	expect(endedEarly).toBeInstanceOf(Error);
	expect(ranOut).toBe(endedEarly);
});

test("a sleep that takes the signal but leaves its listener behind (n8n 2.34's) leaves none on the execution's", async () => {
	// As @n8n/utils before 1.43.1 wrote it: its listener goes only when the signal aborts.
	const leaky = async (ms: number, signal?: AbortSignal) =>
		await new Promise<void>((resolve, reject) => {
			signal?.addEventListener('abort', () => reject(new Error('Aborted')), { once: true });
			void n8nWorkflow2.sleep(ms).then(resolve);
		});
	const wait = timerWithAbort({ sleep: leaky });
	const signal = new AbortController().signal;
	for (let i = 0; i < 5; i++) await abortableSleep(1, signal, wait);
	expect(abortListeners(signal)).toBe(0);
});
