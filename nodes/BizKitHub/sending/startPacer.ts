import type { Clock } from './clock';
import type { Pacer } from './runPool';

/**
 * How many starts may go at once after a pause. Timers tick in whole milliseconds, about the
 * spacing itself, so a wake-up often comes late: it then lets go what fell due meanwhile, up to this.
 */
const MAX_STARTS_AT_ONCE = 2;

/**
 * Spreads the starts of requests over a round trip, so that the requests in flight come back one
 * after another instead of all together.
 *
 * Why: n8n opens a new connection for every request, and a request is only written once its
 * connection is up, which the event loop learns of after it has handled everything else that
 * arrived meanwhile. Requests started together are therefore sent together, answered together
 * and handled together, and their successors again start together: the group keeps travelling
 * as one, and every round trip grows by the time it takes to handle the whole group. Keeping
 * starts `round trip / concurrency` apart breaks such groups up.
 *
 * The round trip is the shortest request seen so far (`observe`), so the spacing never holds the
 * pool below what its concurrency allows; before the first answer there is no spacing at all. A
 * request, not a job: a job's time includes its waits for the rate limit, and after a block of
 * 10 minutes the first jobs to end would keep starts 2 minutes apart with the quota free.
 * Once the execution is stopped (the signal), every waiting start is let go at once: the pool
 * then sees the stop and starts nothing.
 */
export class StartPacer implements Pacer {
	private shortestTripMs = Number.POSITIVE_INFINITY;

	/** Starts that may go now: one more every spacing, up to MAX_STARTS_AT_ONCE. */
	private credit = MAX_STARTS_AT_ONCE;

	private creditAt = 0;

	private readonly waiting: Array<() => void> = [];

	private releasing = false;

	constructor(
		private readonly concurrency: number,
		private readonly clock: Clock,
		private readonly signal?: AbortSignal,
	) {}

	/** The gap kept between two starts, in milliseconds; 0 until a request has been answered. */
	get spacingMs(): number {
		if (this.concurrency <= 1 || !Number.isFinite(this.shortestTripMs)) return 0;
		return this.shortestTripMs / this.concurrency;
	}

	/** A request took `tripMs` from its start to its answer (or failure). */
	observe(tripMs: number): void {
		this.shortestTripMs = Math.min(this.shortestTripMs, tripMs);
	}

	/** Resolves when the caller may start its job. */
	async start(): Promise<void> {
		if (this.signal?.aborted) return;
		if (this.waiting.length > 0 || this.refill() < 1) {
			await new Promise<void>((resolve) => {
				this.waiting.push(resolve);
				void this.release();
			});
		} else {
			this.credit -= 1;
		}
	}

	/** Adds the credit earned since it was last counted; returns the credit. */
	private refill(): number {
		const now = this.clock.now();
		const spacing = this.spacingMs;
		const earned = spacing > 0 ? (now - this.creditAt) / spacing : MAX_STARTS_AT_ONCE;
		this.credit = Math.min(MAX_STARTS_AT_ONCE, this.credit + earned);
		this.creditAt = now;
		return this.credit;
	}

	/** Lets the waiting starts go as credit comes in; one loop runs at a time. */
	private async release(): Promise<void> {
		if (this.releasing) return;
		this.releasing = true;
		try {
			while (this.waiting.length > 0) {
				if (this.signal?.aborted) {
					for (const start of this.waiting.splice(0)) start();
					return;
				}
				const missing = 1 - this.refill();
				if (missing > 0) {
					await this.clock.sleep(missing * this.spacingMs, this.signal);
					continue;
				}
				const count = Math.min(this.waiting.length, Math.floor(this.credit));
				this.credit -= count;
				for (const start of this.waiting.splice(0, count)) start();
			}
		} finally {
			this.releasing = false;
		}
	}
}
