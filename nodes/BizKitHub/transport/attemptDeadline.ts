import { sleep } from 'n8n-workflow';

const never = new Promise<never>(() => {});

/** Why an attempt's deadline is cleared; given to abort(), which otherwise builds an error each time. */
const ATTEMPT_OVER = 'attempt over';

/**
 * The end of one attempt: its time limit (0 for none) or the execution being stopped, whichever
 * comes first. `clear()` once the attempt is over, so that no timer outlives it.
 */
export class AttemptDeadline {
	private readonly over = new AbortController();

	readonly ended: Promise<'timed out' | 'stopped'>;

	constructor(timeoutMs: number, signal?: AbortSignal) {
		const endings: Array<Promise<'timed out' | 'stopped'>> = [];
		if (timeoutMs > 0) {
			endings.push(
				sleep(timeoutMs, this.over.signal).then(
					() => 'timed out' as const,
					() => never,
				),
			);
		}
		if (signal) {
			endings.push(
				signal.aborted
					? Promise.resolve('stopped' as const)
					: new Promise((resolve) =>
							signal.addEventListener('abort', () => resolve('stopped'), {
								once: true,
								signal: this.over.signal,
							}),
						),
			);
		}
		this.ended = endings.length > 0 ? Promise.race(endings) : never;
	}

	clear(): void {
		this.over.abort(ATTEMPT_OVER);
	}
}
