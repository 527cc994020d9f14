import { sleep } from 'n8n-workflow';

export type Clock = () => number;
export type Sleeper = (ms: number) => Promise<void>;

const never = new Promise<never>(() => {});

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

/** Resolves when the execution is stopped; never, when there is no signal. */
export function whenStopped(signal?: AbortSignal): Promise<void> {
	if (!signal) return never;
	if (signal.aborted) return Promise.resolve();
	return new Promise((resolve) =>
		signal.addEventListener('abort', () => resolve(), { once: true }),
	);
}
