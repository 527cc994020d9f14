import { WAIT_OVER } from '../compat/sleep';
import type { Clock } from './clock';
import type { RateLimitInfo } from './rateLimitHeaders';
import {
	BACKOFF_BASE_MS,
	MAX_PLAUSIBLE_WAIT_MS,
	RATE_LIMIT_BACKOFF_CAP_MS,
	RATE_LIMIT_BACKOFF_GROWTH,
	backoffMs,
} from './retryPolicy';
import { ServerClock } from './serverClock';

/**
 * BizKitHub states its waits in whole seconds, rounded up: a wait of a second or less may end at
 * any moment. It says the node goes a little too fast, not that the quota is out for a while.
 */
const ROUNDING_MS = 1000;
/**
 * How long a block a 429 stated is taken at its word. After that, a caller who would fail on it
 * sends one request to check it instead (the limit may have been raised, the quota reset): an
 * execution is not failed on the word of an answer that came long before it. Doubles with each
 * check refused.
 */
export const TRUSTED_MS = 60_000;
/**
 * The pace after a refusal: this share of what it was (multiplicative decrease), or UNDER_ACCEPTED
 * of the rate just accepted if that is lower (the limit let through no more: a key shared, a pace
 * learnt from a burst). Then it climbs once a round (a round trip, or the time between two
 * requests if longer, as TCP's congestion window does) in which a request it held back was
 * accepted (a round for each REFILLS_PER_ROUND refusals' waits it held one back), on TCP CUBIC's
 * curve counted in rounds: back to the lower of the two rates in CLIMB_BACK rounds, level there
 * for a few, then ever faster past it, so that a pace learnt far too low (a share of a key other
 * processes have stopped using) is soon out of it. Time alone never raises it: only accepted
 * requests do.
 */
const DECREASE = 0.8;
const UNDER_ACCEPTED = 0.95;
const CLIMB_BACK = 8;
/**
 * A request the pace held back for this many of the last refusal's wait (the one it stated, or
 * the backoff the node chose when it stated none: when the node looks again), then accepted,
 * climbs a round for each such stretch (CLIMB_BACK at most). The key frees a place within such a
 * wait, so a pace that slow is a share of a key others spend, and climbing once per its own slow
 * interval (TCP's round-trip unfairness) kept starved a process another had out-paced once. Only
 * the time the pace held it counts (since it asked, since the last climb, since sending resumed):
 * not time idle or sending below the pace (a trickle of webhooks), not the round trip (a slow
 * network), and not in slow start, where each round already doubles.
 */
const REFILLS_PER_ROUND = 4;
/**
 * A request with no answer after this many round trips (PATIENCE_MIN_MS at least) is taken as lost,
 * as by TCP's retransmission timeout: it no longer holds a place of the reported quota, nobody
 * waits for its answer, and if it was the probe the next caller probes. Else one request hanging
 * (no Request Timeout, a connection that never answers) would hold every caller of the key until
 * it ends. The floor is seconds, not TCP's one: n8n's one thread, busy with a large run, may be
 * that late to read an answer that came in time, and a check given up on too soon is one more
 * request into a block.
 */
export const PATIENCE_TRIPS = 4;
export const PATIENCE_MIN_MS = 5000;
/** Accepted requests whose send times are kept: the pace starts from the rate they were accepted at. */
const RECENT = 64;
/** The rate just accepted is measured over the last second, or the last MEASURED accepted if longer. */
const MEASURED = 8;

/** A caller asking to send: one item of one execution, with its own deadline and Stop. */
export interface Caller {
	/** When it gives up waiting (on the throttle's clock): its item's start plus Max Rate-Limit Wait. */
	deadline: number;
	/** n8n's cancel signal for its execution: its wait ends at once. */
	signal?: AbortSignal;
}

/** Leave to send one request. Give it back with `answered` or `lost`. */
export interface Ticket {
	readonly sentAt: number;
	/** Starts counted before this one: the reported quota is counted down from its answer. */
	readonly seq: number;
	/** Sent alone to find whether a block is over (or still holds): nobody else starts meanwhile. */
	readonly probe: boolean;
	/** Sent under the pace: refused, the pace was too fast. */
	readonly paced: boolean;
	/** Held back by the pace: accepted, the pace may be too slow. */
	readonly held: boolean;
	/** When its caller asked to send. */
	readonly askedAt: number;
}

/** No ticket: the execution was stopped, or the wait would end after the caller's deadline. */
export type NoTicket = { stopped: true } | { stopped: false; freesInMs?: number };

interface Waiter extends Caller {
	askedAt: number;
	/** Whether it waited for the pace. */
	held: boolean;
	give: (result: Ticket | NoTicket) => void;
}

/** A wait the node takes at its word: a number over 0, no longer than any limit could mean. */
function plausible(ms: number | undefined): number | undefined {
	return ms !== undefined && ms > 0 && ms <= MAX_PLAUSIBLE_WAIT_MS ? ms : undefined;
}

/**
 * Keeps the requests of every execution of this n8n process that sends with one API key to one
 * host under the key's rate limit. Its rules:
 * 1. The server's word first. A 429 states a wait (Retry-After, or X-RateLimit-Reset when no quota
 *    is left, or else a backoff with jitter). A wait over a second blocks every request until it
 *    ends. An accepted answer with no quota left until a reset over a second away blocks until
 *    the reset's last second (the reset is rounded up, and may be when the whole quota is back).
 *    A shorter wait, within the rounding of whole seconds, blocks nothing: the pace handles it.
 * 2. After any refusal one request goes alone (the probe, TCP's after a timeout): accepted, the
 *    others follow. Refused, its stated wait blocks anew; if that says no more than "within a
 *    second", the next probe goes sooner, backing off from the pace's interval (or a sixteenth of
 *    a second without a pace), growing by half up to that second. Unanswered after PATIENCE_TRIPS
 *    round trips, it is taken as lost (for good: its late refusal blocks nothing), and the next
 *    caller probes. After the node has been idle, a refusal whose stated wait is over asks for no
 *    probe.
 * 3. Quota the server reports left (X-RateLimit-Remaining) is counted down as requests start:
 *    before there is a pace, requests wait for the answers still out (that may still come) once it
 *    is used up. With a pace, the pace decides: a limit that refills gradually reports none left
 *    most of the time.
 * 4. The pace (GCRA's schedule at a rate), off until a refusal comes after a burst (two requests
 *    accepted in the second before it): then it starts from the rate they were accepted at since
 *    the last block or idle gap (`sendingSince`), or since the refusal before (a burst saved up is
 *    not a rate). A paced request refused lowers it (DECREASE), or to the rate accepted since the
 *    refusal before it if lower; paced requests accepted raise it, once a round (more when the
 *    pace held one back for several of the waits after refusals: that is a share others took).
 *    Time alone never does, and a refusal with no burst before it (one webhook's request after
 *    other processes spent the quota) is a block, not a rate: it teaches the pace nothing. The
 *    pace is the node's guess, not a wait the server asked for: a caller it would hold past its
 *    deadline goes at once, out of the schedule.
 * 5. Callers wait in one queue, first come first served across executions, woken by answers and by
 *    one timer; each leaves at its deadline or its Stop. A caller whose deadline comes before the
 *    end of a block the server stated (not a backoff the node guessed) fails at once, unless the
 *    block is older than its trust (TRUSTED_MS) or known only from a reset: then one request
 *    checks it while the others wait for its answer. A block known only from a reset is checked
 *    after TRUSTED_MS even if nobody would fail on it.
 * Its state is the fields below, whatever the number of requests: no history beyond RECENT, and
 * the requests out.
 */
export class Throttle {
	// What the server said (rules 1 to 3).
	/** No request starts before this but a check: the end of a block the server stated. */
	private blockedUntil = 0;
	/**
	 * The last refusal stated no wait, and the block is a backoff the node chose: nobody fails on
	 * it before its deadline (the limit may free sooner), and no failure says BizKitHub asked for it.
	 */
	private guessed = false;
	/** When the last refusal or block was heard: answers to requests sent before say nothing of it. */
	private statedAt = Number.NEGATIVE_INFINITY;
	/** From when a caller whose deadline comes before the block's end checks it (rule 5). */
	private checkFrom = Number.POSITIVE_INFINITY;
	/** From when the next caller checks a block known only from a reset, whatever its deadline. */
	private recheckFrom = Number.POSITIVE_INFINITY;
	/** How long a block a 429 stated is taken at its word before it is checked. */
	private trustMs = TRUSTED_MS;
	/** A refusal was heard and nothing sent since has been accepted: the next request is a probe. */
	private probeNext = false;
	/** The start count of the last probe (out while it is in `out`). */
	private probeSeq = -1;
	/** Rounds of refusals since the last acceptance: the backoff's exponent. */
	private refusals = 0;
	/** The quota the freshest answer reported left, less the requests out then and started since. */
	private spare?: number;
	/** The start count of the request that answer was for: only a later one's answer is fresher. */
	private spareSeq = -1;
	private readonly server = new ServerClock();

	// The pace (rule 4).
	/** The rate (requests a second) the pace climbs back to after going down; undefined: no pace. */
	private peak?: number;
	/** How far under the peak it went down, as a share of it. */
	private depth = 0;
	/** Rounds the pace has climbed since. */
	private climbed = 0;
	/** Doubling each round (TCP's slow start) until first refused: started from too little to measure. */
	private doubling = false;
	/** Refusals of requests sent before this are of the round the pace already went down for. */
	private downAt = Number.NEGATIVE_INFINITY;
	/** The last refusal's wait, stated or chosen (a second at least): the key frees a place in it. */
	private refillMs = Number.POSITIVE_INFINITY;
	/** Acceptances of requests sent before this are of the round the pace already climbed for. */
	private raisedAt = Number.NEGATIVE_INFINITY;
	/** The earliest the next paced request may start. */
	private nextPacedAt = Number.NEGATIVE_INFINITY;
	/** When the last RECENT accepted requests were sent. */
	private readonly recent: number[] = [];
	/**
	 * When the last RECENT refusals were heard: the limit was spent then, so what it let through
	 * from one to a request it refused next is the rate it frees.
	 */
	private readonly spent: number[] = [];
	/**
	 * Since when requests have gone at the pace: the end of a block of over a second, or the first
	 * request after the node had nothing to send for PATIENCE_MIN_MS (n8n's thread, busy, may be
	 * late for less). The rate accepted before says nothing now: measured across an idle gap (a
	 * webhook's execution minutes after the last), it would be the node's rate, not the limit's.
	 */
	private sendingSince = Number.NEGATIVE_INFINITY;

	// The callers (rule 5).
	private started = 0;
	/** The requests out (start count: when sent), and the slowest recent round trip (PATIENCE_TRIPS). */
	private readonly out = new Map<number, number>();
	private tripMs = 0;
	/** When the last request came back (answered or lost). */
	private backAt = Number.NEGATIVE_INFINITY;
	private readonly queue: Waiter[] = [];
	private wake?: { at: number; cancel: AbortController };

	constructor(private readonly clock: Clock) {}

	/** The pace in requests a second, if there is one. */
	get rate(): number | undefined {
		if (this.peak === undefined) return undefined;
		if (this.doubling) return this.peak * 2 ** this.climbed;
		return this.peak * (1 + this.depth * ((this.climbed - CLIMB_BACK) / CLIMB_BACK) ** 3);
	}

	/** Callers waiting and timers set (for the simulator's check that nothing grows or is left behind). */
	get waiting(): number {
		return this.queue.length + (this.wake ? 1 : 0);
	}

	/** Waits until the caller may send, or says why it may not. */
	acquire(caller: Caller): Promise<Ticket | NoTicket> {
		const { signal } = caller;
		if (signal?.aborted) return Promise.resolve({ stopped: true });
		const now = this.clock.now();
		if (this.queue.length === 0 && this.out.size === 0 && now - this.backAt > PATIENCE_MIN_MS) {
			this.sendingSince = now;
			// (And a refusal whose stated wait is over says nothing after the node has been idle: no
			// probe. One that stated none may still hold: the probe finds out.)
			if (now >= this.blockedUntil && !this.guessed) this.probeNext = false;
		}
		return new Promise((resolve) => {
			const stopped = () => {
				this.queue.splice(this.queue.indexOf(waiter), 1);
				waiter.give({ stopped: true });
				this.pump();
			};
			const waiter: Waiter = {
				...caller,
				askedAt: now,
				held: false,
				give: (result) => {
					// Removed by hand: see abortableSleep.
					signal?.removeEventListener('abort', stopped);
					resolve(result);
				},
			};
			signal?.addEventListener('abort', stopped, { once: true });
			this.queue.push(waiter);
			this.pump();
		});
	}

	/** The request got no answer from BizKitHub (timed out, cut, stopped): it says nothing of the limit. */
	lost(ticket: Ticket): void {
		this.out.delete(ticket.seq);
		this.backAt = this.clock.now();
		this.pump();
	}

	/** BizKitHub answered: accepted, or refused with a 429; `info` is what it said of the limit. */
	answered(ticket: Ticket, refused: boolean, info: RateLimitInfo): void {
		const now = this.clock.now();
		// Given up on (past its patience), its refusal is old news: another request has checked since.
		const givenUp = !this.out.has(ticket.seq) || this.lostAt(ticket.sentAt) <= now;
		this.out.delete(ticket.seq);
		this.backAt = now;
		// The slowest recent round trip, a tenth of it forgotten with each answer: one fast answer
		// after slow ones does not make the patience short.
		this.tripMs = Math.max(now - ticket.sentAt, this.tripMs * 0.9);
		if (info.dateMs !== undefined) this.server.observe(info.dateMs, ticket.sentAt, now);
		const serverNow = this.server.serverTime(now, this.clock.wallNow());
		const resetInMs =
			info.resetAtMs === undefined ? undefined : plausible(info.resetAtMs - serverNow);
		if (info.remaining !== undefined && ticket.seq > this.spareSeq) {
			// Every request still out may take a place (it may not have reached BizKitHub yet).
			this.spare = info.remaining - this.answering(now).length;
			this.spareSeq = ticket.seq;
		}
		if (refused && !givenUp) {
			this.refused(ticket, now, info, resetInMs);
			// (After it: its own measure counts from the refusal before.)
			if (this.spent.push(now) > RECENT) this.spent.shift();
		} else if (!refused) this.accepted(ticket, now, info.remaining === 0 ? resetInMs : undefined);
		this.pump();
	}

	private refused(ticket: Ticket, now: number, info: RateLimitInfo, resetInMs?: number): void {
		this.probeNext = true;
		// Refusals of requests out together are one; one sent after a refusal was heard is the next.
		if (ticket.sentAt >= this.statedAt || this.refusals === 0) this.refusals += 1;
		// The wait the server states: Retry-After, or the reset when it says no quota is left (a
		// reset with quota left is that of another limit than the one that refused).
		const stated = Math.min(
			plausible(info.retryAfterMs) ?? Number.POSITIVE_INFINITY,
			(info.remaining === 0 ? resetInMs : undefined) ?? Number.POSITIVE_INFINITY,
		);
		// None stated: a backoff with jitter, which blocks whatever its length (the server says "now"),
		// from two of the pace's intervals when there is a pace (it knows how fast the key goes).
		const rate = this.rate;
		const backoff = !Number.isFinite(stated);
		this.guessed = backoff;
		const baseMs = rate ? Math.min(BACKOFF_BASE_MS, 2000 / rate) : BACKOFF_BASE_MS;
		let waitMs = backoff
			? backoffMs(
					this.refusals,
					baseMs,
					RATE_LIMIT_BACKOFF_CAP_MS,
					this.clock.random,
					RATE_LIMIT_BACKOFF_GROWTH,
				)
			: stated;
		this.refillMs = Math.max(ROUNDING_MS, waitMs);
		if (ticket.probe) {
			// The block holds: its answer states it anew. A check of a stale block is trusted longer
			// next time; a wait that says only "within a second" is probed again sooner, backing off.
			if (now < this.blockedUntil) this.trustMs = Math.min(this.trustMs * 2, MAX_PLAUSIBLE_WAIT_MS);
			if (!backoff && waitMs <= ROUNDING_MS)
				waitMs = Math.min(
					waitMs,
					RATE_LIMIT_BACKOFF_GROWTH ** this.refusals * (rate ? 1000 / rate : ROUNDING_MS / 16),
				);
			this.block(now, waitMs, { anew: true, guessed: backoff });
			return;
		}
		const accepted = this.acceptedRate(ticket.sentAt, now);
		if (rate !== undefined && ticket.paced && ticket.sentAt >= this.downAt) {
			this.doubling = false;
			this.paceDown(now, rate, accepted.rate);
		} else if (rate === undefined && accepted.burst) {
			// The pace starts from the rate just accepted. When too few were accepted since the last
			// block to measure it (a limit that lets one request through at a time shows little of its
			// rate), it starts from those of the last second and doubles each round until it is first
			// refused (TCP's slow start): from too low, it is soon where refusals tell the rest.
			const measured = Number.isFinite(accepted.rate);
			const start = measured ? accepted.rate : accepted.lastSecond;
			this.paceDown(now, start, start);
			this.doubling = !measured;
		}
		if (backoff || waitMs > ROUNDING_MS) this.block(now, waitMs, { guessed: backoff });
		// (A request out with others when they were refused is of their round: it states nothing new,
		// and the probe sent since still says whether the wait is over.)
		else if (ticket.sentAt >= this.statedAt) this.statedAt = now;
	}

	private accepted(ticket: Ticket, now: number, noQuotaForMs?: number): void {
		if (ticket.sentAt >= this.statedAt) {
			// Sent after the last refusal was heard, and accepted: whatever it stated is over.
			// (A block over a second: the limit may have saved up a burst meanwhile, measured from here.)
			if (this.probeNext && this.blockedUntil - this.statedAt > ROUNDING_MS)
				this.sendingSince = ticket.sentAt;
			this.probeNext = false;
			this.blockedUntil = 0;
			this.trustMs = TRUSTED_MS;
			this.refusals = 0;
		}
		if (this.recent.push(ticket.sentAt) > RECENT) this.recent.shift();
		if (ticket.held && this.peak !== undefined && ticket.sentAt >= this.raisedAt) {
			const heldMs = ticket.sentAt - Math.max(ticket.askedAt, this.raisedAt, this.sendingSince);
			const rounds = Math.floor(heldMs / (REFILLS_PER_ROUND * this.refillMs));
			this.climbed += this.doubling ? 1 : Math.min(CLIMB_BACK, Math.max(1, rounds));
			this.raisedAt = now;
		}
		// No quota left until a reset (whole seconds, rounded up): nothing goes before the reset's last
		// second, then a probe finds when quota is back. A reset may be when the whole quota is back,
		// not when the next request may go: a caller it would fail asks first (its 429 says when).
		if (noQuotaForMs !== undefined && noQuotaForMs > ROUNDING_MS) {
			this.probeNext = true;
			this.block(now, noQuotaForMs - ROUNDING_MS, { fromReset: true });
		}
	}

	/**
	 * The rate at which requests sent up to `at` (answered at `now`) were accepted: those of the
	 * last second, or of the last MEASURED accepted if they span longer (a slow limit), over a round
	 * trip at least (a first burst goes out at once), since the last block ended. Only accepted
	 * requests count: it is the rate the limit let through, not the node's. `burst`: two were
	 * accepted in the second before.
	 */
	private acceptedRate(
		at: number,
		now: number,
	): { rate: number; burst: boolean; lastSecond: number } {
		// From the last refusal heard before `at`: what the limit let through since is what it frees
		// (before, it may have had a burst saved up). Else since the last long block or idle gap.
		const spentAt = this.spent.filter((time) => time <= at).pop() ?? Number.NEGATIVE_INFINITY;
		const since = Math.max(this.sendingSince, spentAt);
		const sent = this.recent.filter((time) => time <= at && time >= since).sort((a, b) => b - a);
		const overMs = Math.max(ROUNDING_MS, at - (sent[MEASURED - 1] ?? at));
		const counted = sent.filter((time) => time > at - overMs);
		const oldest = counted[counted.length - 1] ?? at;
		// Over less when there is no more: the first burst, or more than RECENT in the second.
		const spanMs =
			counted.length === sent.length || counted.length === RECENT ? at - oldest : overMs;
		// Counted from a refusal: from a start S, the limit freed at least the requests accepted after
		// S and fewer than one more (it refused the one sent at `at`): half between, over at - S. S is
		// the first accepted when there are two or more (a window frees nothing until it turns), else
		// the refusal. Otherwise one request accepted says nothing of a rate.
		const fromSpent = since === spentAt && counted.length === sent.length;
		const [startAt, freed] = counted.length >= 2 ? [oldest, counted.length - 1] : [since, 1];
		const rate =
			counted.length === 0 || (!fromSpent && counted.length < 2)
				? Number.POSITIVE_INFINITY
				: fromSpent
					? ((freed + 0.5) / Math.max(now - at, at - startAt)) * 1000
					: (counted.length / Math.max(now - at, Math.min(overMs, spanMs))) * 1000;
		// (Whether the node was sending a stream: blocks or not, two accepted in the second before.)
		const lastSecond = this.recent.filter((time) => time <= at && time > at - ROUNDING_MS).length;
		return { rate, burst: lastSecond >= 2, lastSecond };
	}

	/** The pace goes down from `rate`, `accepted` having been let through (the first time, it starts). */
	private paceDown(now: number, rate: number, accepted: number): void {
		this.peak = Math.min(rate, accepted);
		this.depth = 1 - Math.min(rate * DECREASE, accepted * UNDER_ACCEPTED) / this.peak;
		this.climbed = 0;
		this.downAt = now;
		this.raisedAt = now;
	}

	/**
	 * Blocks every request for `waitMs` from `now`: `anew` in place of the block known (a probe's
	 * answer), else unless the block known ends later.
	 */
	private block(
		now: number,
		waitMs: number,
		{ anew = false, fromReset = false, guessed = false } = {},
	): void {
		if (!anew && now + waitMs <= this.blockedUntil) return;
		this.guessed = guessed;
		this.statedAt = now;
		this.blockedUntil = now + waitMs;
		this.checkFrom = fromReset ? now : now + this.trustMs;
		this.recheckFrom = fromReset ? now + this.trustMs : Number.POSITIVE_INFINITY;
	}

	/** Lets the callers go that may, fails those that cannot make it, and sets the one timer. */
	private pump(): void {
		const now = this.clock.now();
		// Requests past their patience are lost for good: a slower answer since does not bring them back.
		for (const [seq, sentAt] of this.out) if (this.lostAt(sentAt) <= now) this.out.delete(seq);
		// Those who may go now go first: a caller whose deadline is now (Max Rate-Limit Wait 0) is
		// not failed while the limit lets it through.
		for (let head = this.queue[0]; head; head = this.queue[0]) {
			const at = this.startsAt(head, now);
			if (at === undefined || at > now) break;
			this.queue.shift();
			head.give(this.letGo(head, now));
		}
		const stated = now < this.blockedUntil && !this.guessed;
		const freesInMs = stated ? this.blockedUntil - now : undefined;
		for (const waiter of [...this.queue]) {
			// A stated block that outlasts a caller's deadline fails it now, unless the block is checked.
			const tooLate =
				waiter.deadline <= now ||
				(stated &&
					this.blockedUntil > waiter.deadline &&
					!this.probing(now) &&
					!this.checkable(now));
			if (tooLate) {
				this.queue.splice(this.queue.indexOf(waiter), 1);
				waiter.give({ stopped: false, freesInMs });
			}
		}
		// (The head may have failed: when the one now first may start is asked again.)
		const first = this.queue[0];
		const firstAt = first && this.startsAt(first, now);
		let wakeAt = firstAt ?? Number.POSITIVE_INFINITY;
		for (const waiter of this.queue) wakeAt = Math.min(wakeAt, waiter.deadline);
		// (Waiting for answers: until the first of them is taken as lost, if none comes.)
		if (first && firstAt === undefined)
			wakeAt = Math.min(wakeAt, ...this.answering(now).map((sentAt) => this.lostAt(sentAt)));
		this.setWake(wakeAt, now);
	}

	/** When a request sent at `sentAt` is taken as lost if it has not answered (PATIENCE_TRIPS). */
	private lostAt(sentAt: number): number {
		return sentAt + Math.max(PATIENCE_MIN_MS, PATIENCE_TRIPS * this.tripMs);
	}

	/** When the requests out that may still answer were sent. */
	private answering(now: number): number[] {
		return [...this.out.values()].filter((sentAt) => this.lostAt(sentAt) > now);
	}

	/** Whether a probe is out, may still answer, and is still needed (nothing accepted since). */
	private probing(now: number): boolean {
		const sentAt = this.out.get(this.probeSeq);
		return (
			(this.probeNext || now < this.blockedUntil) &&
			sentAt !== undefined &&
			this.lostAt(sentAt) > now
		);
	}

	/** A block that the callers it would fail may check rather than fail on (rule 5). */
	private checkable(now: number): boolean {
		return now < this.blockedUntil && now >= this.checkFrom;
	}

	/** When the head of the queue may start; undefined: when an answer comes. */
	private startsAt(head: Waiter, now: number): number | undefined {
		if (this.probing(now)) return undefined;
		if (now < this.blockedUntil) {
			const wouldFail = this.queue.some((w) => w.deadline < this.blockedUntil);
			const check = (this.checkable(now) && wouldFail) || now >= this.recheckFrom;
			return check ? now : Math.min(this.blockedUntil, this.recheckFrom);
		}
		// The pace is the node's own guess, not a wait BizKitHub asked for: a caller it would hold past
		// its deadline (Max Rate-Limit Wait 0, say) goes now, out of the schedule, and its answer tells.
		const scheduled = this.peak === undefined ? now : Math.max(now, this.nextPacedAt);
		const paced = head.deadline < scheduled ? now : scheduled;
		if (this.probeNext) return paced;
		// No quota reported left and no pace: wait for the answers out (one may report more) (rule 3).
		if (
			this.peak === undefined &&
			this.spare !== undefined &&
			this.spare <= 0 &&
			this.answering(now).length > 0
		)
			return undefined;
		if (paced > now) head.held = true;
		return paced;
	}

	private letGo(head: Waiter, now: number): Ticket {
		const probe = this.probeNext || now < this.blockedUntil;
		// (Only starts on the schedule advance it and tell the pace anything: not one let out of it.)
		const rate = now < this.nextPacedAt ? undefined : this.rate;
		if (rate) this.nextPacedAt = Math.max(this.nextPacedAt, now) + 1000 / rate;
		if (this.spare !== undefined) this.spare -= 1;
		if (probe) this.probeSeq = this.started;
		this.out.set(this.started, now);
		const paced = rate !== undefined;
		const held = paced && head.held;
		return { sentAt: now, seq: this.started++, probe, paced, held, askedAt: head.askedAt };
	}

	/** One timer for the next moment anything can change but an answer; none when none is waited for. */
	private setWake(at: number, now: number): void {
		if (this.wake?.at === at) return;
		this.wake?.cancel.abort(WAIT_OVER);
		this.wake = undefined;
		if (!Number.isFinite(at)) return;
		const wake = { at, cancel: new AbortController() };
		this.wake = wake;
		void this.clock.sleep(Math.max(0, at - now), wake.cancel.signal).then(() => {
			if (this.wake !== wake) return;
			this.wake = undefined;
			this.pump();
		});
	}
}
