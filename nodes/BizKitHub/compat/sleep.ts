import * as n8nWorkflow from 'n8n-workflow';

/** A timer that ends early when `signal` aborts, its timer cleared then. */
type TimerWithAbort = (ms: number, signal: AbortSignal) => Promise<void>;

/**
 * How to wait with an abort signal on the n8n that runs the node. n8n 2.x's `sleep(ms, signal)`
 * ends on the signal; n8n 1.x's `sleep(ms)` takes no signal (a wait would go on after Stop and
 * its timer outlive it) but 1.x has `sleepWithAbort(ms, signal)`. An n8n with neither still ends
 * the wait on the signal; only its timer then runs out on its own.
 */
export function timerWithAbort(exports: Record<string, unknown>): TimerWithAbort {
	const sleepWithAbort = exports.sleepWithAbort;
	if (typeof sleepWithAbort === 'function') {
		return async (ms, signal) => await (sleepWithAbort as TimerWithAbort)(ms, signal);
	}
	const sleep = exports.sleep as (ms: number, signal?: AbortSignal) => Promise<void>;
	if (sleep.length >= 2) return async (ms, signal) => await sleep(ms, signal);
	return async (ms, signal) =>
		await new Promise<void>((resolve, reject) => {
			signal.addEventListener('abort', () => resolve(), { once: true });
			sleep(ms).then(resolve, reject);
		});
}

const timer = timerWithAbort(n8nWorkflow as unknown as Record<string, unknown>);

/**
 * What the node aborts a wait's signal with when it ends the wait itself. abort() without a reason
 * builds a DOMException, and n8n's sleep rejects with a new Error around any reason that is not
 * one: each takes a stack trace, and together they were the costliest step of a request (its
 * deadline is such a wait). Made once.
 */
export const WAIT_OVER = new Error('the wait is over');

/** A wait of `ms` without a way to end it early. */
export async function plainSleep(ms: number): Promise<void> {
	await n8nWorkflow.sleep(ms);
}

/**
 * Waits `ms`, or until `signal` aborts, whichever comes first; never rejects. Whatever ends it,
 * its timer and its listener on the signal go with it, on every n8n the node supports: a wait is
 * over once it returns. (The listener is on a signal of its own, chained to `signal`: n8n 1.x's
 * sleepWithAbort leaves its listener behind when the time runs out, and so does the two-argument
 * sleep of n8n 2.34 and the first 2.35 releases (@n8n/utils before 1.43.1): on an execution's
 * signal they would pile up wait after wait.)
 */
export async function abortableSleep(
	ms: number,
	signal: AbortSignal,
	wait: TimerWithAbort = timer,
): Promise<void> {
	if (signal.aborted) return;
	const done = new AbortController();
	const stop = () => done.abort(WAIT_OVER);
	// Removed by hand: the `signal` option of addEventListener loses its hold on the listener once
	// garbage is collected (Node 20), and the listener would then stay on the execution's signal.
	signal.addEventListener('abort', stop, { once: true });
	try {
		await wait(ms, done.signal);
	} catch {
		// Aborted: the caller checks its signal.
	} finally {
		signal.removeEventListener('abort', stop);
		done.abort(WAIT_OVER);
	}
}
