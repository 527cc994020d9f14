import { sleep } from 'n8n-workflow';

import type { RateLimitInfo } from './rateLimitHeaders';

export type Clock = () => number;
export type Sleeper = (ms: number) => Promise<void>;

/** Said by the gate instead of a go when the API asks for a longer wait than the user allows. */
export interface WaitTooLong {
	waitMs: number;
}

/**
 * Shared by all requests of one run: keeps them under the key's rate limit.
 * - It counts down the quota the last answer reported (X-RateLimit-Remaining), less the requests
 *   still out, as requests go out. Before the first answer the quota is unknown and not limited.
 * - With no quota left, a request waits for the answers still out; with none out, one goes.
 * - An answer with no quota left pauses new requests until X-RateLimit-Reset; a 429 pauses them
 *   for Retry-After (or until the reset).
 * Waiting uses n8n's `sleep`. A pause longer than `maxWaitMs` is not waited: the caller is told.
 */
export class RateLimitGate {
	private pausedUntil = 0;

	private budget = Number.POSITIVE_INFINITY;

	private inFlight = 0;

	private answered: Promise<void> = Promise.resolve();

	private announceAnswer: () => void = () => {};

	constructor(
		private readonly maxWaitMs: number,
		private readonly now: Clock = Date.now,
		private readonly wait: Sleeper = sleep,
	) {
		this.resetAnswerSignal();
	}

	private resetAnswerSignal(): void {
		this.answered = new Promise((resolve) => (this.announceAnswer = resolve));
	}

	/** Waits until a request may go out, and counts it as out. Or says the wait would be too long. */
	async acquire(): Promise<'go' | WaitTooLong> {
		for (;;) {
			const waitMs = this.pausedUntil - this.now();
			if (waitMs > 0) {
				if (waitMs > this.maxWaitMs) return { waitMs };
				await this.wait(waitMs);
				continue;
			}
			if (this.budget >= 1 || this.inFlight === 0) {
				this.budget -= 1;
				this.inFlight += 1;
				return 'go';
			}
			await this.answered;
		}
	}

	/** Takes in what the answer to a request from `acquire` said about the limit. */
	record(info: RateLimitInfo, rateLimited: boolean): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		if (rateLimited) {
			this.budget = 0;
			const until =
				info.retryAfterMs !== undefined ? this.now() + info.retryAfterMs : info.resetAtMs;
			if (until !== undefined) this.pausedUntil = Math.max(this.pausedUntil, until);
		} else if (info.remaining !== undefined) {
			this.budget = Math.max(0, info.remaining - this.inFlight);
			if (info.remaining <= 0 && info.resetAtMs !== undefined) {
				this.pausedUntil = Math.max(this.pausedUntil, info.resetAtMs);
			}
		}
		const announce = this.announceAnswer;
		this.resetAnswerSignal();
		announce();
	}

	/** Makes every new request wait `ms` from now (after a 429 that gave no timing at all). */
	pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
	}
}
