import { BACKOFF_CAP_MS } from '../nodes/BizKitHub/sending/retryPolicy';
import { PATIENCE_MIN_MS, PATIENCE_TRIPS } from '../nodes/BizKitHub/sending/throttle';
import { abortListeners } from './host';
import type { ExecutionRecord, ItemRecord, ProcessRecord, WorldRecord } from './world';

/** One JSON line per run: what happened, against what was possible, and what went wrong. */
export interface Summary {
	seed: number;
	/** From the first execution's start to the last item's outcome (virtual ms). */
	virtualMs: number;
	/** The least time the limiter allows for the same work (see ideal.ts). */
	idealMs?: number;
	/** virtualMs / idealMs, when every item got BizKitHub's answer (no failure, no Stop). */
	ratio?: number;
	sent: number;
	refused: number;
	registered: number;
	/** Items that ended without BizKitHub's answer (failed, stopped). */
	failed: number;
	notSent: number;
	/** The longest an item waited for the rate limit (ms), time sending or backing off left out. */
	longestWaitMs: number;
	violations: string[];
}

const outcomeOf = (item: ItemRecord) => item.results[0]?.result.outcome;
const isRateLimited = (item: ItemRecord) => {
	const outcome = outcomeOf(item);
	return (
		outcome !== undefined &&
		'platformCode' in outcome &&
		outcome.platformCode === 'RATE_LIMIT_EXCEEDED'
	);
};
const stoppedBy = (execution: ExecutionRecord, item: ItemRecord) =>
	execution.stoppedAt !== undefined && (item.results[0]?.at ?? Infinity) >= execution.stoppedAt;

/** Time an item spent sending, and what its failures before an answer allow for their backoff. */
function busy(item: ItemRecord): { sendingMs: number; backoffMs: number } {
	let sendingMs = 0;
	let backoffMs = 0;
	for (const send of item.sends) {
		sendingMs += (send.returnedAt ?? send.sentAt) - send.sentAt;
		// (A failure before an answer: a fault, or no answer heard in time.)
		if (send.fault !== undefined || send.answeredAt === undefined) backoffMs += BACKOFF_CAP_MS;
	}
	return { sendingMs, backoffMs };
}

/** How long an item waited for the rate limit: its time but that spent sending. */
function waited(item: ItemRecord): number {
	const end = item.results[0]?.at;
	if (item.startedAt === undefined || end === undefined) return 0;
	return end - item.startedAt - busy(item).sendingMs;
}

/**
 * Refusals the node brought on itself. After a refusal's answer, until the wait it stated is over,
 * requests go one at a time: one that goes while another sent after that answer is still out, and
 * is refused, is counted. Requests out when a block began are not (the node could not know); nor
 * those sent once the stated wait was over, nor those that never reached BizKitHub.
 */
function selfInflictedRefusals(
	process: ProcessRecord,
	patienceMs: number,
): { extra: number; accepted: number } {
	type Send = ItemRecord['sends'][number];
	type Event = { at: number; order: number; kind: 'answer' | 'return' | 'send'; send: Send };
	const events: Event[] = [];
	for (const execution of process.executions) {
		for (const item of execution.items) {
			for (const send of item.sends) {
				const { sent, answered, returned } = send.order;
				events.push({ at: send.sentAt, order: sent, kind: 'send', send });
				if (send.answeredAt !== undefined && answered !== undefined && send.fault === undefined)
					events.push({ at: send.answeredAt, order: answered, kind: 'answer', send });
				if (send.returnedAt !== undefined && returned !== undefined)
					events.push({ at: send.returnedAt, order: returned, kind: 'return', send });
				// (Unanswered after the node's patience, it is taken as lost: then another may go.)
				events.push({ at: send.sentAt + patienceMs, order: -1, kind: 'return', send });
			}
		}
	}
	// In the order the node met them (several can happen at the same moment).
	events.sort((a, b) => a.at - b.at || a.order - b.order);
	let blockEnd: number | undefined;
	const early = new Set<Send>();
	let extra = 0;
	let accepted = 0;
	for (const { at, kind, send } of events) {
		if (kind === 'answer') {
			early.clear();
			blockEnd = send.refused ? at + (send.statedWaitMs ?? Number.POSITIVE_INFINITY) : undefined;
		} else if (kind === 'return') early.delete(send);
		else {
			if (send.handled && !send.refused && send.fault === undefined) accepted += 1;
			if (blockEnd === undefined || at >= blockEnd || !send.handled) continue;
			if (early.size > 0 && send.refused) extra += 1;
			early.add(send);
		}
	}
	return { extra, accepted };
}

/**
 * The spans in which a wait BizKitHub stated to this process (a 429's, or no quota left until a
 * reset) could still hold as the node knew it: from its answer to a second and a trip after its end.
 */
function statedWaits(process: ProcessRecord): Array<[number, number]> {
	const spans: Array<[number, number]> = [];
	for (const execution of process.executions)
		for (const item of execution.items)
			for (const send of item.sends) {
				const waitMs = send.refused ? send.statedWaitMs : send.noQuotaForMs;
				if (send.answeredAt === undefined || send.fault !== undefined || waitMs === undefined)
					continue;
				const tripMs = send.answeredAt - send.sentAt;
				spans.push([send.answeredAt, send.answeredAt + waitMs + 1000 + tripMs]);
			}
	return spans;
}

/** Checks every invariant on a run and sums it up. */
export function check(world: WorldRecord, idealMs?: number): Summary {
	const { scenario } = world;
	const violations: string[] = [];
	const fail = (what: string) => {
		if (violations.length < 20) violations.push(what);
	};
	const executions = world.processes.flatMap((process) => process.executions);
	const items = executions.flatMap((execution) => execution.items);
	// Where the limiter's headers say when quota frees (an outage states more than it lasts).
	const honestWaits =
		scenario.headers !== 'none' &&
		scenario.limiter.kind !== 'outage' &&
		!scenario.faults?.absurdWait &&
		!scenario.faults?.missingWait;
	const name = (item: ItemRecord) =>
		`item ${item.job} of process ${item.process} execution ${item.execution}`;
	const highLatency = Math.max(scenario.latencyMs[1], scenario.slowdown?.latencyMs[1] ?? 0);
	// When the node takes a request with no answer as lost, at the earliest and the latest (see
	// throttle.ts: after PATIENCE_TRIPS round trips, PATIENCE_MIN_MS at least).
	const patienceMs = Math.max(PATIENCE_MIN_MS, PATIENCE_TRIPS * scenario.latencyMs[0]);
	const lastPatienceMs = Math.max(PATIENCE_MIN_MS, PATIENCE_TRIPS * highLatency);

	const waitsStated = world.processes.map(statedWaits);
	const sendsOf = world.processes.map((process) =>
		process.executions.flatMap((execution) => execution.items.flatMap((item) => item.sends)),
	);
	const allSends = sendsOf.flat();
	let sent = 0;
	let refused = 0;
	let longestWaitMs = 0;
	for (const execution of executions) {
		const { spec } = execution;
		let failedBefore = false;
		for (const item of execution.items) {
			sent += item.sends.length;
			refused += item.sends.filter((send) => send.refused).length;
			const outcome = outcomeOf(item);
			// Every item leaves exactly once; an item is left unsent only by Stop or a failure that ended the run.
			if (item.results.length > 1) fail(`${name(item)} left ${item.results.length} times`);
			if (item.startedAt !== undefined && item.results.length === 0)
				fail(`${name(item)} never left`);
			if (item.startedAt === undefined) {
				if (item.sends.length > 0) fail(`${name(item)} was sent without being started`);
				if (execution.stoppedAt === undefined && !failedBefore && !execution.error)
					fail(`${name(item)} was never sent, with no Stop or failure to end the run`);
			}
			if (outcome?.kind === 'failed' && !spec.continueOnFail) failedBefore = true;
			// Registered twice only when flagged as possibly registered by an attempt without an answer.
			const handled = world.handled.get(item.email) ?? 0;
			const flagged =
				item.results[0]?.result.mayHaveRegistered ||
				item.results[0]?.result.earlierAttemptMayHaveReached;
			if (handled > 1 && !flagged) fail(`${name(item)} was registered ${handled} times, unflagged`);
			// Nothing is sent after Stop or after the item's outcome.
			const endAt = item.results[0]?.at ?? Number.POSITIVE_INFINITY;
			for (const send of item.sends) {
				if (execution.stoppedAt !== undefined && send.sentAt > execution.stoppedAt)
					fail(`${name(item)} was sent ${send.sentAt - execution.stoppedAt} ms after Stop`);
				if (send.sentAt > endAt) fail(`${name(item)} was sent after its outcome`);
			}
			if (stoppedBy(execution, item)) continue;
			// No item waits longer than its Max Rate-Limit Wait (plus a second).
			const waitMs = waited(item);
			longestWaitMs = Math.max(longestWaitMs, waitMs);
			const allowedMs = spec.maxRateLimitWaitS * 1000 + 1000 + busy(item).backoffMs;
			if (waitMs > allowedMs)
				fail(`${name(item)} waited ${Math.round(waitMs)} ms, ${allowedMs} allowed`);
			// No item fails on the rate limit while the limiter would have taken it within its wait,
			// sent or not. The node knows of the limit only from answers. While it has reason to hold
			// back, it is allowed the slack of what it cannot know: within a wait they stated (whole
			// seconds, rounded up, heard a trip late), awaiting answers that may report the quota, or
			// serving a queue at a pace learnt from refusals (first come first served: an item behind
			// others may reach its deadline). With none of these (a Max Rate-Limit Wait of 0 and quota
			// for the item; a request that never answers), none: it goes.
			if (
				honestWaits &&
				isRateLimited(item) &&
				item.limiterAtFailure &&
				item.startedAt !== undefined
			) {
				const failedAt = item.results[0].at;
				const deadline = item.startedAt + busy(item).sendingMs + spec.maxRateLimitWaitS * 1000;
				const outAt = (send: ItemRecord['sends'][number]) =>
					send.sentAt <= failedAt && (send.returnedAt ?? Infinity) >= failedAt;
				// (Requests out then may take places first: with no answer yet, nobody can know whether
				// they reached BizKitHub or were counted.)
				const limiter = item.limiterAtFailure.clone();
				for (const send of allSends) if (outAt(send)) limiter.take(failedAt);
				const possibleAt = limiter.nextAllowedAt(failedAt);
				const unsure =
					item.pacedAtFailure ||
					waitsStated[item.process].some(([from, to]) => from <= failedAt && failedAt <= to) ||
					sendsOf[item.process].some(
						(send) => outAt(send) && failedAt < send.sentAt + lastPatienceMs,
					);
				const late = unsure ? possibleAt + highLatency + 1000 < deadline : possibleAt <= deadline;
				if (late)
					fail(
						`${name(item)} failed on the rate limit ${Math.round(deadline - possibleAt)} ms before its deadline, though the limiter would have taken it`,
					);
			}
		}
		// In flight never more than Concurrency.
		if (execution.maxInFlight > spec.concurrency)
			fail(
				`execution ${execution.index} of process ${execution.process} had ${execution.maxInFlight} requests in flight, Concurrency ${spec.concurrency}`,
			);
		// After Stop everything settles within a second, and no listener is left on the signal.
		if (
			execution.stoppedAt !== undefined &&
			(execution.endedAt ?? Infinity) > execution.stoppedAt + 1000
		)
			fail(
				`execution ${execution.index} of process ${execution.process} ended ${(execution.endedAt ?? Infinity) - execution.stoppedAt} ms after Stop`,
			);
		const listeners = abortListeners(execution.signal);
		if (listeners > 0)
			fail(
				`execution ${execution.index} of process ${execution.process} left ${listeners} listeners on its signal`,
			);
		if (execution.error)
			fail(
				`execution ${execution.index} of process ${execution.process} threw ${String(execution.error)}`,
			);
	}
	// Nothing left behind: no timer, no waiter; the throttle holds no more than its callers.
	if (world.nodeTimersLeft > 0) fail(`${world.nodeTimersLeft} timers of the node were left set`);
	for (const [index, process] of world.processes.entries()) {
		if (process.throttle && process.throttle.waiting > 0)
			fail(
				`the throttle of process ${index} still holds ${process.throttle.waiting} waiters or timers`,
			);
		const callers = process.executions.reduce((sum, e) => sum + e.spec.concurrency, 0);
		if (process.maxWaiting > callers + 1)
			fail(
				`the throttle of process ${index} held ${process.maxWaiting} waiters for ${callers} callers`,
			);
		// Refused requests: one per block, and 2% of the accepted ones.
		const { extra, accepted } = selfInflictedRefusals(process, patienceMs);
		if (extra > 0.02 * accepted)
			fail(
				`process ${index} sent ${extra} requests into known blocks that were refused, for ${accepted} accepted`,
			);
	}
	// Executions of one n8n process (one throttle) with the same settings get accepted counts within
	// 1.5x of each other. (Processes share only the API's answers: how they share is in the ratio.)
	const same = (a: ExecutionRecord, b: ExecutionRecord) =>
		a.process === b.process &&
		JSON.stringify({ ...a.spec, items: 0, startMs: 0, stopMs: 0 }) ===
			JSON.stringify({ ...b.spec, items: 0, startMs: 0, stopMs: 0 });
	for (const [i, a] of executions.entries()) {
		for (const b of executions.slice(i + 1)) {
			if (!same(a, b) || a.stoppedAt !== undefined || b.stoppedAt !== undefined) continue;
			const from = Math.max(a.startedAt ?? 0, b.startedAt ?? 0);
			const to = Math.min(a.endedAt ?? 0, b.endedAt ?? 0);
			const answered = (e: ExecutionRecord) =>
				e.items.filter((item) => {
					const at = item.results[0]?.at ?? -1;
					const kind = outcomeOf(item)?.kind;
					return at >= from && at <= to && (kind === 'registered' || kind === 'refused');
				}).length;
			const [countA, countB] = [answered(a), answered(b)];
			// (The one with fewer is short of its share only if it had more to send: it ran on after.)
			const fewer = countA < countB ? a : b;
			const starved = (fewer.endedAt ?? 0) > to;
			const uneven = Math.max(countA, countB) > 1.5 * Math.max(1, Math.min(countA, countB));
			if (countA + countB >= 20 && starved && uneven)
				fail(
					`executions ${a.process}/${a.index} and ${b.process}/${b.index} with the same settings got ${countA} and ${countB} through while both ran`,
				);
		}
	}

	const starts = executions.map((e) => e.startedAt ?? world.endedAt);
	const ends = items.map((item) => item.results[0]?.at ?? 0);
	const virtualMs = Math.max(0, ...ends) - Math.min(...starts);
	const registered = items.filter((item) => outcomeOf(item)?.kind === 'registered').length;
	const answeredAll = items.every((item) => {
		const kind = outcomeOf(item)?.kind;
		return kind === 'registered' || kind === 'refused';
	});
	return {
		seed: scenario.seed,
		virtualMs,
		...(idealMs !== undefined ? { idealMs } : {}),
		...(idealMs && answeredAll ? { ratio: Math.round((virtualMs / idealMs) * 1000) / 1000 } : {}),
		sent,
		refused,
		registered,
		failed: items.filter((item) => outcomeOf(item)?.kind === 'failed').length,
		notSent: items.filter((item) => item.sends.length === 0).length,
		longestWaitMs: Math.round(longestWaitMs),
		violations,
	};
}
