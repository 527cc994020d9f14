import { sleep } from 'n8n-workflow';

export type Clock = () => number;
/** Sleeps `ms`; ends early, without an error, when `cancel` aborts (a test's clock may ignore it). */
export type Sleeper = (ms: number, cancel?: AbortSignal) => Promise<void>;

/**
 * A sleep that ends at once, without an error, when the execution is stopped (the signal is
 * n8n's cancel signal for the execution). Whoever waited checks the signal afterwards.
 */
export function stoppableSleep(signal?: AbortSignal): Sleeper {
	if (!signal) return async (ms) => await sleep(ms);
	return async (ms) => {
		if (signal.aborted) return;
		await sleep(ms, signal).catch(() => undefined);
	};
}

/** A sleep that ends at once, without an error, when `cancel` aborts; its timer goes with it. */
export const cancellableSleep: Sleeper = async (ms, cancel) => {
	if (!cancel) return await sleep(ms);
	if (cancel.aborted) return;
	await sleep(ms, cancel).catch(() => undefined);
};
