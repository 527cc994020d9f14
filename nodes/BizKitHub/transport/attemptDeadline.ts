import { WAIT_OVER } from '../compat/sleep';
import type { Clock } from '../sending/clock';
import { systemClock } from '../sending/clock';

/** How an attempt's deadline ended: its time limit, the execution's Stop, or the attempt being over. */
export type AttemptEnd = 'timed out' | 'stopped' | 'cleared';

interface TimeLimit {
	at: number;
	end: () => void;
}

/**
 * The time limits of the attempts out on one clock, under one timer, set for the first of them to
 * run out: an attempt that starts or ends sets no timer of its own. A timer per attempt (and the
 * abort signal that clears it) was the largest part of the node's own work per request. The timer
 * is set again only for a limit earlier than the one it is set for, and goes when no limit is
 * left, so that nothing outlives the attempts.
 */
class TimeLimits {
	private readonly limits = new Set<TimeLimit>();

	private timer?: { at: number; cancel: AbortController };

	constructor(private readonly clock: Clock) {}

	add(limit: TimeLimit): void {
		this.limits.add(limit);
		if (!this.timer || limit.at < this.timer.at) this.setTimer(limit.at);
	}

	delete(limit: TimeLimit): void {
		this.limits.delete(limit);
		if (this.limits.size === 0) this.setTimer(Number.POSITIVE_INFINITY);
	}

	private setTimer(at: number): void {
		this.timer?.cancel.abort(WAIT_OVER);
		this.timer = undefined;
		if (!Number.isFinite(at)) return;
		const timer = { at, cancel: new AbortController() };
		this.timer = timer;
		void this.clock.sleep(Math.max(0, at - this.clock.now()), timer.cancel.signal).then(() => {
			if (this.timer !== timer) return;
			this.timer = undefined;
			const now = this.clock.now();
			let next = Number.POSITIVE_INFINITY;
			for (const limit of this.limits) {
				if (limit.at > now) next = Math.min(next, limit.at);
				else {
					this.limits.delete(limit);
					limit.end();
				}
			}
			this.setTimer(next);
		});
	}
}

/** One per clock: n8n's, or each simulated process's. */
const timeLimitsOf = new WeakMap<Clock, TimeLimits>();

/**
 * The end of one attempt: its time limit (0 for none) or the execution being stopped, whichever
 * comes first. `clear()` once the attempt is over: its time limit and Stop listener go, and
 * `ended` settles ('cleared'), so that nothing waiting on it (and nothing it holds, the HTTP
 * answer included) outlives the attempt. A promise that never settles would keep every reaction
 * added to it for as long as n8n runs.
 */
export class AttemptDeadline {
	private end!: (why: AttemptEnd) => void;

	readonly ended: Promise<AttemptEnd>;

	private readonly limit?: TimeLimit;

	private readonly limits?: TimeLimits;

	constructor(timeoutMs: number, signal?: AbortSignal, clock: Clock = systemClock) {
		this.ended = new Promise<AttemptEnd>((resolve) => (this.end = resolve));
		if (timeoutMs > 0) {
			this.limits = timeLimitsOf.get(clock) ?? new TimeLimits(clock);
			timeLimitsOf.set(clock, this.limits);
			this.limit = { at: clock.now() + timeoutMs, end: () => this.end('timed out') };
			this.limits.add(this.limit);
		}
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
		if (this.limit) this.limits?.delete(this.limit);
	}
}
