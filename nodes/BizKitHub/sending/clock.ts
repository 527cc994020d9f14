import { abortableSleep, plainSleep } from '../compat/sleep';

/**
 * Time as the sending code sees it. n8n's run gives `systemClock`; the simulator (sim/) gives a
 * virtual one, so that hours of rate limiting run in seconds and every run of a seed is the same.
 */
export interface Clock {
	/** Milliseconds on a monotonic clock: every duration and wait. A wall clock step changes none. */
	now(): number;
	/** The wall clock, ms since the epoch: only to read an answer's times when it has no Date. */
	wallNow(): number;
	/** Waits `ms`, or until `cancel` aborts, whichever comes first; never rejects, leaves nothing. */
	sleep(ms: number, cancel?: AbortSignal): Promise<void>;
	/** A number in [0, 1), for jitter. */
	random(): number;
}

export const systemClock: Clock = {
	now: () => performance.now(),
	wallNow: () => Date.now(),
	sleep: async (ms, cancel) => (cancel ? await abortableSleep(ms, cancel) : await plainSleep(ms)),
	random: () => Math.random(),
};
