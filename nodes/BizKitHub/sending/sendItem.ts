import type { Attempt, NoAnswer } from '../transport/apiRequest';
import type { RegisterOutcome } from '../transport/classifyResponse';
import type { Clock } from './clock';
import { readRateLimit } from './rateLimitHeaders';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffMs, retryability } from './retryPolicy';
import { runPool } from './runPool';
import { StartPacer } from './startPacer';
import type { Throttle } from './throttle';

export interface ItemSettings {
	/** Attempts per item for failures before BizKitHub answered (and gateway errors). */
	maxAttempts: number;
	/** The longest an item may wait for the rate limit, all its waits together, before it fails. */
	maxRateLimitWaitMs: number;
	/** n8n's cancel signal for the execution. */
	signal?: AbortSignal;
	/** Told each attempt's time from its start to its answer or failure (the start pacer). */
	observeTrip?: (tripMs: number) => void;
}

/** The rate limit would keep the item waiting longer than the user allows: it was not sent (again). */
export interface RateLimited {
	kind: 'failed';
	httpCode?: undefined;
	platformCode: 'RATE_LIMIT_EXCEEDED';
	message: string;
	/** When the key's quota frees, as far as BizKitHub said: ms from when the item failed. */
	freesInMs?: number;
	/** The same on the wall clock (ms since the epoch), for the user. */
	freesAt?: number;
}

export const isRateLimited = (outcome: ItemResult['outcome']): outcome is RateLimited =>
	outcome.kind === 'failed' &&
	outcome.httpCode === undefined &&
	outcome.platformCode === 'RATE_LIMIT_EXCEEDED';

export interface ItemResult {
	outcome: RegisterOutcome | NoAnswer | RateLimited;
	/** Requests sent for the item, 429 answers included. */
	attempts: number;
	/** An earlier attempt failed in a way that may have reached BizKitHub. */
	earlierAttemptMayHaveReached: boolean;
	/** For an item that failed: an attempt of it (the last one included) may have registered it. */
	mayHaveRegistered: boolean;
}

const seconds = (ms: number) => Math.ceil(ms / 1000);

function rateLimited(
	maxWaitMs: number,
	waitedMs: number,
	clock: Clock,
	freesInMs?: number,
): RateLimited {
	const limit = `the Max Rate-Limit Wait of ${seconds(maxWaitMs)} s`;
	const waited = waitedMs >= 1000 ? ` more, after ${seconds(waitedMs)} s of waiting` : '';
	const message =
		freesInMs !== undefined
			? `BizKitHub's rate limit asks to wait ${seconds(freesInMs)} s${waited} before the next request, longer than ${limit}`
			: `BizKitHub's rate limit kept the item waiting ${seconds(waitedMs)} s, all of ${limit}`;
	const freesAt = freesInMs === undefined ? undefined : clock.wallNow() + freesInMs;
	return { kind: 'failed', platformCode: 'RATE_LIMIT_EXCEEDED', message, freesInMs, freesAt };
}

/** The item was not sent (again) because the execution was stopped. */
const stopped = (): NoAnswer => ({
	kind: 'failed',
	message: 'not sent: the execution was stopped',
	cause: 'STOPPED',
});

/**
 * Sends one item (`send` makes one attempt) when the throttle lets it, and again after a 429 (when
 * the throttle lets it again) or after a failure before any answer (with backoff, up to Max
 * Attempts). Its deadline for the rate limit counts every wait for the throttle since it started;
 * time spent sending or backing off after a failure is not waiting for the rate limit. Once the
 * execution is stopped nothing more is sent.
 */
export async function sendItem(
	send: () => Promise<Attempt>,
	settings: ItemSettings,
	throttle: Throttle,
	clock: Clock,
): Promise<ItemResult> {
	const { signal, maxRateLimitWaitMs } = settings;
	const startedAt = clock.now();
	/** Time spent sending or backing off: not waiting for the rate limit. */
	let busyMs = 0;
	let attempts = 0;
	let failedAttempts = 0;
	let earlierAttemptMayHaveReached = false;
	const ended = (outcome: ItemResult['outcome'], lastMayHaveReached = false): ItemResult => ({
		outcome,
		attempts,
		earlierAttemptMayHaveReached,
		mayHaveRegistered: earlierAttemptMayHaveReached || lastMayHaveReached,
	});
	for (;;) {
		const ticket = await throttle.acquire({
			deadline: startedAt + busyMs + maxRateLimitWaitMs,
			signal,
		});
		if (!('sentAt' in ticket)) {
			if (ticket.stopped) return ended(stopped());
			const waitedMs = clock.now() - startedAt - busyMs;
			return ended(rateLimited(maxRateLimitWaitMs, waitedMs, clock, ticket.freesInMs));
		}
		attempts++;
		let attempt: Attempt | undefined;
		try {
			attempt = await send();
		} finally {
			const tripMs = clock.now() - ticket.sentAt;
			busyMs += tripMs;
			if (attempt) settings.observeTrip?.(tripMs);
			else throttle.lost(ticket);
		}
		const { outcome } = attempt;
		const refused = outcome.kind === 'failed' && outcome.httpCode === 429;
		// Only BizKitHub's answers (a 2xx came past its limiter, a 429 did not) tell of the limit; a
		// failure before an answer, a gateway's error or an answer from before the limiter tell nothing.
		if (outcome.kind !== 'failed' || refused) {
			throttle.answered(ticket, refused, readRateLimit(attempt.headers));
		} else throttle.lost(ticket);
		// Sent again when the throttle lets it, within the item's deadline.
		if (refused) continue;
		const { retry, mayHaveReached } = retryability(outcome);
		if (retry && failedAttempts + 1 < settings.maxAttempts && !signal?.aborted) {
			failedAttempts++;
			earlierAttemptMayHaveReached ||= mayHaveReached;
			const pauseMs = backoffMs(failedAttempts, BACKOFF_BASE_MS, BACKOFF_CAP_MS, clock.random);
			const pausedAt = clock.now();
			await clock.sleep(pauseMs, signal);
			busyMs += clock.now() - pausedAt;
			if (signal?.aborted) return ended(outcome, mayHaveReached);
			continue;
		}
		return ended(outcome, mayHaveReached);
	}
}

export interface SendSettings extends ItemSettings {
	/** Requests in flight at once, at most. */
	concurrency: number;
}

/**
 * Sends `count` items, `concurrency` at a time with their starts spread (runPool, StartPacer),
 * each through `sendItem` under `throttle`: the whole sending path of a run, the same for n8n and
 * the simulator. `attemptOf(job)` is called when the job starts and gives its attempt; `done`
 * gets each started job's result and says whether to start more (false: a failure ends the run).
 */
export async function sendAll(
	count: number,
	settings: SendSettings,
	attemptOf: (job: number) => () => Promise<Attempt>,
	done: (job: number, result: ItemResult) => boolean,
	{ throttle, clock }: { throttle: Throttle; clock: Clock },
): Promise<void> {
	let goOn = true;
	const pacer = new StartPacer(settings.concurrency, clock, settings.signal);
	// Each request's time tells the pacer the round trip (not the job's: it waits for the limit).
	const itemSettings = { ...settings, observeTrip: (tripMs: number) => pacer.observe(tripMs) };
	await runPool(
		count,
		settings.concurrency,
		async (job) => {
			const result = await sendItem(attemptOf(job), itemSettings, throttle, clock);
			goOn = done(job, result) && goOn;
		},
		{ shouldStop: () => !goOn || settings.signal?.aborted === true, pacer },
	);
}
