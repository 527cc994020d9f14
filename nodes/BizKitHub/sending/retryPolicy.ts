import type { ApiErrorCode } from '../api/contract';
import type { NoAnswer } from '../transport/apiRequest';
import type { RegisterOutcome } from '../transport/classifyResponse';

/**
 * The node's whole retry policy: what is sent again, how long to wait before, and which answers
 * an earlier attempt of the same run may have caused.
 * The throttle (throttle.ts) and the retry loop (sendItem.ts) follow it.
 */

/** Backoff after a failure before any answer, and after a 429 that gives no usable wait. */
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 10000;
/**
 * ...but a rate limit that states no wait may be out for an hour: its backoff goes on growing to a
 * minute, so that such a block is asked about once a minute, not six times.
 */
export const RATE_LIMIT_BACKOFF_CAP_MS = 60_000;
/**
 * ...and grows by half, not double, from one probe to the next, as do the probes after a wait
 * stated as "within a second": the probe that finds the limit free again comes on average up to
 * half the time it has waited late, not up to all of it (a window of 10 s was found 9.6 s late by
 * doubling probes), for more probes (a third more in a block of seconds, a few more in an hour).
 */
export const RATE_LIMIT_BACKOFF_GROWTH = 1.5;

/**
 * The longest wait a rate limit could mean: BizKitHub's limits are per hour, and a day is the
 * longest window any API counts in. A Retry-After or X-RateLimit-Reset further off is a mistake
 * (milliseconds sent where seconds are documented, say) and is ignored rather than obeyed; Max
 * Rate-Limit Wait goes no higher either (Node's timers overflow after 24.8 days).
 */
export const MAX_PLAUSIBLE_WAIT_MS = 24 * 60 * 60 * 1000;

export interface Retryability {
	retry: boolean;
	/** Whether the failed attempt may have reached BizKitHub (and so may have registered the address). */
	mayHaveReached: boolean;
}

const RETRIED_STATUSES = new Set([502, 503, 504]);

/**
 * Ends that are not tried again: the whole answer came but was too large, the run was stopped, or
 * n8n's SSRF protection blocked the address (it would block it again).
 */
const FINAL_CAUSES = new Set(['TOO_LARGE', 'STOPPED', 'SSRF_BLOCKED']);

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
		// A refused connection never carried the request, nor one n8n blocked; anything else may have.
		return {
			retry: !FINAL_CAUSES.has(cause ?? ''),
			mayHaveReached: cause !== 'ECONNREFUSED' && cause !== 'SSRF_BLOCKED',
		};
	}
	const retry = RETRIED_STATUSES.has(outcome.httpCode);
	return { retry, mayHaveReached: retry || mayHaveBeenProcessed(outcome) };
}

/**
 * Whether BizKitHub may have processed a request whose answer was not a documented one: a 2xx it
 * could not read, or a server error the platform did not name. A redirect or a 4xx (a 429, a 401)
 * refused it, and a platform error with its code (PUBLIC_API_KEY_DOES_NOT_EXIST, say) is the
 * platform saying what it refused.
 */
function mayHaveBeenProcessed(outcome: { httpCode: number; platformCode?: string }): boolean {
	const { httpCode, platformCode } = outcome;
	if (httpCode >= 200 && httpCode < 300) return true;
	return httpCode >= 500 && platformCode === undefined;
}

/** Exponential backoff with jitter: a random wait between half and all of `base * growth^(retry - 1)`, capped. */
export function backoffMs(
	retry: number,
	baseMs: number,
	capMs: number,
	random: () => number = Math.random,
	growth = 2,
): number {
	const ceiling = Math.min(capMs, baseMs * growth ** Math.max(0, retry - 1));
	return Math.round(ceiling * (0.5 + random() / 2));
}

/** Refusals that a registration of this very run, on an attempt that seemed to fail, could cause. */
const CODES_AN_EARLIER_ATTEMPT_COULD_CAUSE = new Set<ApiErrorCode>(['E002', 'E004']);

/**
 * Whether a refusal may be the run's own doing: an earlier attempt for the item may have reached
 * BizKitHub (and registered the address, or used up its attempts) and the answer is one it causes.
 */
export function mayBeCausedByEarlierAttempt(
	errorCode: ApiErrorCode,
	earlierAttemptMayHaveReached: boolean,
): boolean {
	return earlierAttemptMayHaveReached && CODES_AN_EARLIER_ATTEMPT_COULD_CAUSE.has(errorCode);
}
