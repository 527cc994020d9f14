import { WAIT_OVER } from '../compat/sleep';
import type { Clock } from '../sending/clock';
import { systemClock } from '../sending/clock';

/** How an attempt's deadline ended: its time limit, the execution's Stop, or the attempt being over. */
export type AttemptEnd = 'timed out' | 'stopped' | 'cleared';

/**
 * The end of one attempt: its time limit (0 for none) or the execution being stopped, whichever
 * comes first. `clear()` once the attempt is over: its timer and Stop listener go, and `ended`
 * settles ('cleared'), so that nothing waiting on it (and nothing it holds, the HTTP answer
 * included) outlives the attempt. A promise that never settles would keep every reaction added
 * to it for as long as n8n runs.
 */
export class AttemptDeadline {
	private readonly over = new AbortController();

	private end!: (why: AttemptEnd) => void;

	readonly ended: Promise<AttemptEnd>;

	constructor(timeoutMs: number, signal?: AbortSignal, clock: Clock = systemClock) {
		this.ended = new Promise<AttemptEnd>((resolve) => (this.end = resolve));
		// (Once cleared, `ended` has settled: the sleep ending early changes nothing.)
		if (timeoutMs > 0)
			void clock.sleep(timeoutMs, this.over.signal).then(() => this.end('timed out'));
		if (signal?.aborted) this.end('stopped');
		else if (signal) {
			// Removed by hand in clear(): see abortableSleep.
			const stopped = () => this.end('stopped');
			signal.addEventListener('abort', stopped, { once: true });
			this.unlisten = () => signal.removeEventListener('abort', stopped);
		}
	}

	private unlisten = () => {};

	clear(): void {
		this.end('cleared');
		this.unlisten();
		this.over.abort(WAIT_OVER);
	}
}
