import type { RegisterOutcome } from './classifyResponse';
import type { NoAnswer } from './registerAccount';

export interface Retryability {
	retry: boolean;
	/** Whether the failed attempt may have reached BizKitHub (and so may have registered the address). */
	mayHaveReached: boolean;
}

const RETRIED_STATUSES = new Set([502, 503, 504]);

/** Ends that are not tried again: the whole answer came but was too large, or the run was stopped. */
const FINAL_CAUSES = new Set(['TOO_LARGE', 'STOPPED']);

/**
 * Which failures are worth another attempt: those where no answer of BizKitHub came back
 * (refused or reset connections, timeouts) and gateway errors (502, 503, 504). An answer of
 * BizKitHub itself, a 200 above all, is never retried, nor one too large to read; a 429 is the
 * rate limiter's business; after Stop nothing is tried again.
 */
export function retryability(outcome: RegisterOutcome | NoAnswer): Retryability {
	if (outcome.kind !== 'failed') return { retry: false, mayHaveReached: false };
	if (outcome.httpCode === undefined) {
		const cause = 'cause' in outcome ? outcome.cause : undefined;
		// A refused connection never carried the request; anything else may have.
		return {
			retry: !FINAL_CAUSES.has(cause ?? ''),
			mayHaveReached: cause !== 'ECONNREFUSED',
		};
	}
	return { retry: RETRIED_STATUSES.has(outcome.httpCode), mayHaveReached: true };
}

/** Exponential backoff with jitter: a random wait between half and all of `base * 2^(retry - 1)`, capped. */
export function backoffMs(
	retry: number,
	baseMs: number,
	capMs: number,
	random: () => number = Math.random,
): number {
	const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, retry - 1));
	return Math.round(ceiling * (0.5 + random() / 2));
}
