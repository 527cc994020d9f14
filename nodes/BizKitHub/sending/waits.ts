import { abortableSleep, plainSleep } from '../compat/sleep';

export type Clock = () => number;
/** Sleeps `ms`; ends early, without an error, when `cancel` aborts (a test's clock may ignore it). */
export type Sleeper = (ms: number, cancel?: AbortSignal) => Promise<void>;

/** A sleep that ends at once, without an error, when `cancel` aborts; its timer goes with it. */
export const cancellableSleep: Sleeper = async (ms, cancel) =>
	cancel ? await abortableSleep(ms, cancel) : await plainSleep(ms);

/**
 * A sleep that ends at once, without an error, when the execution is stopped (the signal is
 * n8n's cancel signal for the execution). Whoever waited checks the signal afterwards.
 */
export function stoppableSleep(signal?: AbortSignal): Sleeper {
	return async (ms) => await cancellableSleep(ms, signal);
}
