import type { Attempt, NoAnswer } from '../transport/apiRequest';
import type { RegisterOutcome } from '../transport/classifyResponse';
import type { RateLimitGate } from './rateLimitGate';
import { readRateLimit } from './rateLimitHeaders';
import {
	BACKOFF_BASE_MS,
	BACKOFF_CAP_MS,
	MAX_RATE_LIMITED_ANSWERS,
	backoffMs,
	retryability,
} from './retryPolicy';
import { stoppableSleep } from './waits';

export interface RetrySettings {
	/** Attempts per item for failures before BizKitHub answered (and gateway errors). */
	maxAttempts: number;
	/** The longest an item may wait for the rate limit, all its waits together, before it fails. */
	maxRateLimitWaitMs: number;
	/**
	 * The longest the item waits for answers to requests already out (another execution's, say)
	 * before it goes anyway: its own Request Timeout, or its Max Rate-Limit Wait without one.
	 */
	answerWaitMs?: number;
	/** n8n's cancel signal for the execution. */
	signal?: AbortSignal;
}

/** A rate limit asked for a wait longer than the user allows. */
export interface RateLimitWaitTooLong {
	kind: 'failed';
	httpCode?: undefined;
	platformCode: 'RATE_LIMIT_EXCEEDED';
	message: string;
}

export interface ItemResult {
	outcome: RegisterOutcome | NoAnswer | RateLimitWaitTooLong;
	/** Requests sent for the item, 429 answers included. */
	attempts: number;
	/** An earlier attempt failed in a way that may have reached BizKitHub. */
	earlierAttemptMayHaveReached: boolean;
	/**
	 * For an item that failed: some attempt of it (the last one included) may have reached
	 * BizKitHub, and so may have registered the address.
	 */
	mayHaveRegistered: boolean;
}

const seconds = (ms: number) => Math.ceil(ms / 1000);

function waitTooLong(waitMs: number, maxWaitMs: number): RateLimitWaitTooLong {
	return {
		kind: 'failed',
		platformCode: 'RATE_LIMIT_EXCEEDED',
		message: `BizKitHub's rate limit asks to wait ${seconds(waitMs)} s before the next request, longer than the Max Rate-Limit Wait of ${seconds(maxWaitMs)} s`,
	};
}

function waitedTooLong(waitedMs: number, maxWaitMs: number): RateLimitWaitTooLong {
	return {
		kind: 'failed',
		platformCode: 'RATE_LIMIT_EXCEEDED',
		message: `BizKitHub's rate limit kept refusing the item: ${seconds(waitedMs)} s of waiting in all, longer than the Max Rate-Limit Wait of ${seconds(maxWaitMs)} s`,
	};
}

/** The item was not sent (again) because the execution was stopped. */
function stopped(): NoAnswer {
	return { kind: 'failed', message: 'not sent: the execution was stopped', cause: 'STOPPED' };
}

/**
 * Sends one item's request (`send` makes one attempt): waits for the rate-limit gate, sends, and
 * tries again after a 429
 * (the gate waits as the API asks, or backs off) or after a failure that came before any
 * answer, with backoff. Once the execution is stopped, nothing more is sent and no wait goes on.
 */
export async function sendWithRetries(
	send: () => Promise<Attempt>,
	settings: RetrySettings,
	gate: RateLimitGate,
): Promise<ItemResult> {
	let attempts = 0;
	let failedAttempts = 0;
	let rateLimitedAnswers = 0;
	let earlierAttemptMayHaveReached = false;
	/** When the rate limit first refused the item: its waits since count against the maximum. */
	let firstRefusedAt: number | undefined;
	const maxWaitMs = settings.maxRateLimitWaitMs;
	const pause = stoppableSleep(settings.signal);
	/** The item's result; `lastMayHaveReached`: the attempt that ended it may have reached BizKitHub. */
	const ended = (outcome: ItemResult['outcome'], lastMayHaveReached = false): ItemResult => ({
		outcome,
		attempts,
		earlierAttemptMayHaveReached,
		mayHaveRegistered: earlierAttemptMayHaveReached || lastMayHaveReached,
	});
	const waitedMs = () => (firstRefusedAt === undefined ? 0 : Date.now() - firstRefusedAt);
	/** What is left of the item's rate-limit waiting, all its waits since the first refusal together. */
	const waitLeftMs = () => maxWaitMs - waitedMs();
	/** The item fails: one wait is longer than allowed, or its waits together would be. */
	const tooLong = (waitMs: number) =>
		ended(
			waitMs > maxWaitMs
				? waitTooLong(waitMs, maxWaitMs)
				: waitedTooLong(waitedMs() + waitMs, maxWaitMs),
		);
	for (;;) {
		const left = waitLeftMs();
		if (left < 0) return tooLong(0);
		const ticket = await gate.acquire({
			maxWaitMs: left,
			signal: settings.signal,
			answerWaitMs: settings.answerWaitMs,
		});
		if (ticket === 'stopped') return ended(stopped());
		if (ticket !== 'go') return tooLong(ticket.waitMs);
		attempts++;
		const sentAt = Date.now();
		let attempt: Attempt | undefined;
		try {
			attempt = await send();
		} finally {
			// The gate counts this request as out until it hears back, whatever happened.
			if (!attempt) gate.unanswered(sentAt);
		}
		const { outcome, headers } = attempt;
		if (outcome.kind === 'failed' && outcome.httpCode === undefined) {
			// No answer came: the gate learns nothing of the limit from it.
			gate.unanswered(sentAt);
		} else {
			const rateLimited = outcome.kind === 'failed' && outcome.httpCode === 429;
			const info = readRateLimit(headers, Date.now());
			const { itemWaitMs } = gate.record(info, rateLimited, sentAt);
			if (rateLimited) {
				rateLimitedAnswers++;
				firstRefusedAt ??= sentAt;
				if (info.retryAfterMs !== undefined && info.retryAfterMs > waitLeftMs()) {
					return tooLong(info.retryAfterMs);
				}
				if (rateLimitedAnswers >= MAX_RATE_LIMITED_ANSWERS) return ended(outcome);
				// The others go on at the learnt pace; this request waits out its Retry-After alone.
				if (itemWaitMs !== undefined) {
					if (itemWaitMs > waitLeftMs()) return tooLong(itemWaitMs);
					await pause(itemWaitMs);
				}
				continue;
			}
		}

		const { retry, mayHaveReached } = retryability(outcome);
		if (retry && failedAttempts + 1 < settings.maxAttempts) {
			failedAttempts++;
			earlierAttemptMayHaveReached ||= mayHaveReached;
			await pause(backoffMs(failedAttempts, BACKOFF_BASE_MS, BACKOFF_CAP_MS));
			if (settings.signal?.aborted) return ended(outcome);
			continue;
		}
		return ended(outcome, mayHaveReached);
	}
}
