import { PaceLearner } from './paceLearner';
import type { RateLimitInfo } from './rateLimitHeaders';
import { RefillWatch } from './refillWatch';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffMs } from './retryPolicy';
import { cancellableSleep, stoppableSleep, type Clock, type Sleeper } from './waits';

/** Where in the last second of a stated wait requests try again, one at a time. */
const PROBE_STEPS = [1 / 8, 1 / 4, 1 / 2, 1];

/**
 * How long the answer that paused every request is taken at its word. After that, a caller who
 * would be told the wait is too long for it first sends one request to check the pause still
 * holds: an execution is not failed on the word of an answer that came long before it started.
 */
export const PAUSE_TRUSTED_MS = 60_000;

/** Said by the gate instead of a go when the API asks for a longer wait than the user allows. */
export interface WaitTooLong {
	waitMs: number;
}

/** Who asks for a go: one execution, with its own longest wait and its own Stop. */
export interface Caller {
	/** The longest wait this caller accepts; the gate's own when not given. */
	maxWaitMs?: number;
	/** n8n's cancel signal for the caller's execution: its waits end, and it is told 'stopped'. */
	signal?: AbortSignal;
	/**
	 * The longest this caller waits for an answer to requests already out (its own, or another
	 * execution's) before it goes anyway, taking them as lost: its own Request Timeout, say. A
	 * request that is never answered then holds no one longer than their own settings allow.
	 * Without it, the caller waits for answers as long as they take.
	 */
	answerWaitMs?: number;
}

export interface GateOptions {
	/** n8n's cancel signal for the execution: every wait ends at once, and nothing more goes. */
	signal?: AbortSignal;
	/** Backoff after a 429 that gives no usable wait (none, zero, negative, or in the past). */
	backoffBaseMs?: number;
	backoffCapMs?: number;
	random?: () => number;
}

/**
 * Shared by all requests of one run: keeps them under the key's rate limit.
 * - Until the quota first runs out (and again if the limiter turns out to be a fixed window), it
 *   counts down the quota the last answer reported (X-RateLimit-Remaining), less the requests
 *   still out. Before the first answer the quota is unknown and not limited. With no quota left,
 *   a request waits for the answers still out; with none out, one goes.
 * - While the rate is unknown, the quota running out (a 429, or an answer with none left) pauses
 *   new requests for the wait the API gives (Retry-After, or until X-RateLimit-Reset). The API
 *   gives it in whole seconds, rounded up: the pause ends at the start of the last second, which
 *   one request at a time probes (1/8, 1/4, 1/2 and all of it in); the first accepted ends it.
 *   A 429 whose wait is missing, zero, negative or already over backs off exponentially instead,
 *   so a server that says "retry now" is not hammered; 429s for requests that were sent before
 *   the previous 429 came back count as one.
 * - It learns the rate the API sustains (see PaceLearner) and spaces request starts by it: the
 *   quota running out then stops no one; the refused request waits the whole seconds before its
 *   Retry-After's last, then its turn.
 * A pause longer than `maxWaitMs` is not waited: the caller is told. Once the execution is
 * stopped, every wait ends and the answer is 'stopped'.
 */
export class RateLimitGate {
	private pausedUntil = 0;

	private budget = Number.POSITIVE_INFINITY;

	private inFlight = 0;

	/** 429 answers in a row (one per round of requests), for the backoff. */
	private rateLimitedRounds = 0;

	private lastRateLimitedAt = Number.NEGATIVE_INFINITY;

	/** When the quota was last seen running out (a 429, or none remaining). */
	private lastQuotaOutAt = Number.NEGATIVE_INFINITY;

	private nextStartAt = 0;

	/** The second in which the API's last stated wait ends, while it is being probed. */
	private probe?: { since: number; lastSecondAt: number; deadline: number };

	/** When an answer last paused every request (see PAUSE_TRUSTED_MS). */
	private pausedAt = Number.NEGATIVE_INFINITY;

	/** When the request out checking a long pause was sent, while it is out. */
	private pauseCheckSentAt?: number;

	readonly pace = new PaceLearner();

	private readonly refill = new RefillWatch();

	/** Callers waiting for the next answer: each wakes and goes from here, nothing of it left. */
	private readonly waiting = new Set<() => void>();

	/** A sleep given to the constructor (a test's clock), used for every caller. */
	private readonly givenSleep?: Sleeper;

	private readonly options: Required<Omit<GateOptions, 'signal'>> & { signal?: AbortSignal };

	constructor(
		private readonly maxWaitMs: number,
		private readonly now: Clock = Date.now,
		wait?: Sleeper,
		options: GateOptions = {},
	) {
		this.options = {
			backoffBaseMs: BACKOFF_BASE_MS,
			backoffCapMs: BACKOFF_CAP_MS,
			random: Math.random,
			...options,
		};
		this.givenSleep = wait;
	}

	/** Pauses every request until `until`, on the word of an answer that came at `now`. */
	private pauseUntil(until: number, now: number): void {
		if (until <= this.pausedUntil) return;
		this.pausedUntil = until;
		this.pausedAt = now;
	}

	/**
	 * Pauses new requests for a wait the API gave in whole seconds: until the start of its last
	 * second, then one request at a time tries 1/8, 1/4, 1/2 and all of that second in. A refused
	 * try comes back here, and the next try is the next step of the same second.
	 */
	private pauseToProbe(now: number, statedWaitMs: number): void {
		if (!this.probe || now >= this.probe.deadline) {
			this.probe = {
				since: now,
				lastSecondAt: now + Math.max(0, statedWaitMs - 1000),
				deadline: now + statedWaitMs,
			};
		}
		const { lastSecondAt, deadline } = this.probe;
		const next = PROBE_STEPS.map((step) => lastSecondAt + step * (deadline - lastSecondAt)).find(
			(at) => at > now,
		);
		this.pauseUntil(next ?? deadline, now);
	}

	/**
	 * Whether the reported quota is counted down and its reset waited for: as the pace learner
	 * says, unless the quota is known to come back a little at a time (a bucket shared with other
	 * processes looks like no bucket to the learner, yet its reset is not when the quota returns).
	 */
	private get followsQuota(): boolean {
		return (
			this.pace.followsReportedQuota && !(this.pace.knowsBurst && this.refill.refillsGradually)
		);
	}

	/**
	 * Whether the last answer reported quota to spare: more than one request's worth that no request
	 * out has taken yet (the last one is left to other processes sharing the key, which may take it
	 * at the same moment).
	 */
	private get hasSpareQuota(): boolean {
		return Number.isFinite(this.budget) && this.budget >= 2;
	}

	/**
	 * Waits for the next answer to any request out, for the caller's Stop, or for `boundMs`,
	 * whichever comes first. Whatever ends it, its listener and timer go with it.
	 */
	private nextAnswer(
		signal: AbortSignal | undefined,
		boundMs: number,
	): Promise<'answered' | 'stopped' | 'bound'> {
		return new Promise((resolve) => {
			const over = new AbortController();
			const finish = (why: 'answered' | 'stopped' | 'bound') => {
				if (over.signal.aborted) return;
				over.abort();
				this.waiting.delete(answered);
				resolve(why);
			};
			const answered = () => finish('answered');
			this.waiting.add(answered);
			signal?.addEventListener('abort', () => finish('stopped'), {
				once: true,
				signal: over.signal,
			});
			if (Number.isFinite(boundMs)) {
				void (this.givenSleep ?? cancellableSleep)(boundMs, over.signal).then(() =>
					finish('bound'),
				);
			}
		});
	}

	/** Wakes every caller waiting for an answer (one came, or a request out will get none). */
	private wakeWaiting(): void {
		const waiting = [...this.waiting];
		this.waiting.clear();
		for (const wake of waiting) wake();
	}

	/** Counts a request as out, and paces the next start after it. */
	private letGo(): 'go' {
		this.budget -= 1;
		this.inFlight += 1;
		const now = this.now();
		const spacingMs = this.pace.spacingMs(now);
		// A probe counts as the latest start: the pace takes over from it once one is accepted.
		this.nextStartAt = this.probe ? now : Math.max(now, this.nextStartAt) + spacingMs;
		return 'go';
	}

	/**
	 * Whether a caller who would be told the pause is too long for it sends one request to check
	 * it instead: the answer that paused everyone is older than PAUSE_TRUSTED_MS and no check is out.
	 */
	private shouldCheckPause(now: number): boolean {
		return this.pauseCheckSentAt === undefined && now - this.pausedAt >= PAUSE_TRUSTED_MS;
	}

	/** A request sent at `sentAt` came back: was it the one checking a long pause? */
	private wasPauseCheck(sentAt: number): boolean {
		if (this.pauseCheckSentAt === undefined || sentAt < this.pauseCheckSentAt) return false;
		this.pauseCheckSentAt = undefined;
		return true;
	}

	/**
	 * Waits until a request may go out, and counts it as out. Or says the wait would be too long
	 * for this caller, or that its execution was stopped. Callers of several executions may share
	 * one gate: each waits and stops on its own terms, and the limit's state is theirs together.
	 */
	async acquire(caller: Caller = {}): Promise<'go' | 'stopped' | WaitTooLong> {
		const maxWaitMs = caller.maxWaitMs ?? this.maxWaitMs;
		const signal = caller.signal ?? this.options.signal;
		const sleep = this.givenSleep ?? stoppableSleep(signal);
		const answerWaitMs = caller.answerWaitMs ?? Number.POSITIVE_INFINITY;
		/** Since when this caller has waited for an answer that has not come. */
		let waitingSince: number | undefined;
		for (;;) {
			if (signal?.aborted) return 'stopped';
			const waitMs = this.pausedUntil - this.now();
			if (waitMs > 0) {
				if (waitMs <= maxWaitMs) {
					await sleep(waitMs);
					continue;
				}
				if (!this.shouldCheckPause(this.now())) return { waitMs };
				this.pauseCheckSentAt = this.now();
				return this.letGo();
			}
			// While the end of a wait is probed for, the probe steps space the requests, not the pace.
			// Once a bucket is paced, quota the API reports to spare goes at once: a pace learnt too low
			// (a share of a key other processes were using) then rises to what the API has to spare.
			const pacedWaitMs =
				this.probe || (!this.followsQuota && this.hasSpareQuota)
					? 0
					: this.nextStartAt - this.now();
			if (pacedWaitMs > 0) {
				await sleep(pacedWaitMs);
				continue;
			}
			const mayGo = this.probe
				? this.inFlight === 0
				: this.budget >= 1 || this.inFlight === 0 || !this.followsQuota;
			if (mayGo) return this.letGo();
			// No answer within this caller's own bound: the requests out are taken as lost.
			waitingSince ??= this.now();
			const boundMs = answerWaitMs - (this.now() - waitingSince);
			if (boundMs <= 0) return this.letGo();
			if ((await this.nextAnswer(signal, boundMs)) === 'answered') waitingSince = undefined;
		}
	}

	/**
	 * A request from `acquire`, sent at `sentAt`, got no answer (it timed out, its connection
	 * failed, its execution was stopped): it is no longer out. It says nothing about the limit, so
	 * nothing is learnt from it.
	 */
	unanswered(sentAt = this.now()): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		this.wasPauseCheck(sentAt);
		this.wakeWaiting();
	}

	/**
	 * Takes in what the answer to a request from `acquire` said about the limit. `sentAt` (on the
	 * gate's clock) tells a 429 of a new round from one of a round already counted. Returns how long
	 * the refused request itself must wait before it is sent again, when the others go on.
	 */
	record(info: RateLimitInfo, rateLimited: boolean, sentAt = this.now()): { itemWaitMs?: number } {
		this.inFlight = Math.max(0, this.inFlight - 1);
		const now = this.now();
		const newRound = sentAt >= this.lastQuotaOutAt;
		this.refill.observe(sentAt, now, info.remaining, info.resetAtMs);
		let itemWaitMs: number | undefined;
		if (this.wasPauseCheck(sentAt)) {
			// The check of a long pause came back: accepted, the pause is over; refused, its answer
			// says the pause anew (not the longer of the old and the new).
			this.pausedUntil = 0;
			this.probe = undefined;
		}
		if (rateLimited) {
			this.budget = 0;
			if (sentAt >= this.lastRateLimitedAt) this.rateLimitedRounds += 1;
			this.lastRateLimitedAt = now;
			const statedWaitMs =
				info.retryAfterMs !== undefined
					? info.retryAfterMs
					: info.resetAtMs !== undefined
						? info.resetAtMs - now
						: undefined;
			if (statedWaitMs !== undefined && statedWaitMs > 0) {
				const decision = this.pace.quotaRanOut(now, statedWaitMs, sentAt, this.probe !== undefined);
				if (newRound) this.lastQuotaOutAt = now;
				// Waits come in whole seconds, rounded up: the API's real wait ends somewhere in the last
				// one. At the learnt pace the refused request waits out the whole seconds before it and
				// then goes at its turn; while the rate is unknown, everyone waits and probes that second.
				if (decision === 'pace') itemWaitMs = Math.max(0, statedWaitMs - 1000);
				else if (newRound || this.probe) this.pauseToProbe(now, statedWaitMs);
			} else {
				// No usable wait: back off, whether the rate is known or not.
				const waitMs = backoffMs(
					this.rateLimitedRounds,
					this.options.backoffBaseMs,
					this.options.backoffCapMs,
					this.options.random,
				);
				this.pauseUntil(now + waitMs, now);
			}
		} else {
			this.rateLimitedRounds = 0;
			this.pace.accepted(sentAt, info.remaining);
			if (this.probe && sentAt > this.probe.since) {
				// The wait is over: the pace takes over from the probe. (Answers to requests sent before
				// the wait began say nothing of its end.)
				this.probe = undefined;
				this.nextStartAt = sentAt + this.pace.spacingMs(now);
			}
			// An API that does not report its quota left: accepted means there was some; the pace and
			// the next 429 say the rest. (Kept at 0 from the last 429, it would hold the run to one
			// request at a time.)
			if (info.remaining === undefined) this.budget = Number.POSITIVE_INFINITY;
			else {
				this.budget = Math.max(0, info.remaining - this.inFlight);
				// Once a token bucket is known, the pace handles a quota at 0 (a bucket shows 0 most of
				// the time when paced right at its rate); a refusal would then tell the pace is too fast.
				if (info.remaining <= 0 && info.resetAtMs !== undefined && newRound && this.followsQuota) {
					this.lastQuotaOutAt = now;
					this.pace.quotaRanOut(now, info.resetAtMs - now);
					// (The quota has now run out once.) A fixed window's reset is when it really resets:
					// nothing to probe. Otherwise the reset is whole seconds, rounded up.
					if (this.followsQuota) this.pauseUntil(info.resetAtMs, now);
					else this.pauseToProbe(now, info.resetAtMs - now);
				}
			}
		}
		this.wakeWaiting();
		return { itemWaitMs };
	}
}
