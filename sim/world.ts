import type { IExecuteFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE, REGISTER_ACCOUNT_PATH } from '../nodes/BizKitHub/api/contract';
import type { Clock } from '../nodes/BizKitHub/sending/clock';
import { sendAll, type ItemResult } from '../nodes/BizKitHub/sending/sendItem';
import { ThrottleRegistry, throttleKeyOf } from '../nodes/BizKitHub/sending/throttles';
import type { Throttle } from '../nodes/BizKitHub/sending/throttle';
import { apiRequest } from '../nodes/BizKitHub/transport/apiRequest';
import { EPOCH } from './epoch';
import { unlimitedListeners } from './host';
import type { Limiter } from './limiters';
import { stream } from './random';
import { limiterOf, type ExecutionSpec, type Scenario } from './scenario';
import { VirtualTime } from './virtualTime';

export { EPOCH };
const BASE_URL = 'https://api.bizkithub.test';
/** The key, made at run time so that no key-like string sits in the repository. */
const API_KEY = `PROD${'sim'.repeat(10).slice(0, 28)}`;
/** A connection with no answer is reset after this when the item has no Request Timeout. */
const HANG_MS = 120_000;

/** One request as the simulated world saw it; times are true times (ms since the epoch). */
export interface SendRecord {
	sentAt: number;
	/** The order in which the node sent, heard and was done with its requests (times can be equal). */
	order: { sent: number; answered?: number; returned?: number };
	/** When the node's attempt ended (answered, timed out, stopped). */
	returnedAt?: number;
	/** BizKitHub handled it (the limiter counted it). */
	handled: boolean;
	/** When it reached the limiter, if it did. */
	handledAt?: number;
	/** The limiter refused it (429). */
	refused?: boolean;
	/** The wait the 429 stated, as the node can read it (undefined: none, or not a usable one). */
	statedWaitMs?: number;
	/** Accepted with no quota left: how long until the reset its headers stated (ms). */
	noQuotaForMs?: number;
	/** When its answer reached the node, if it did. */
	answeredAt?: number;
	/** The throttle's pace when it was sent (requests a second), for the trace. */
	pace?: number;
	/** What went wrong on the way, if anything: then its answer (if any) is not BizKitHub's. */
	fault?: 'refused' | 'reset' | 'lost' | 'gateway';
}

export interface ItemRecord {
	process: number;
	execution: number;
	job: number;
	email: string;
	startedAt?: number;
	sends: SendRecord[];
	results: Array<{ at: number; result: ItemResult }>;
	/** The limiter as it was when the item failed on the rate limit. */
	limiterAtFailure?: Limiter;
	/** Whether the node's throttle held a pace (had learnt a rate) then. */
	pacedAtFailure?: boolean;
}

export interface ExecutionRecord {
	process: number;
	index: number;
	spec: ExecutionSpec;
	startedAt?: number;
	endedAt?: number;
	stoppedAt?: number;
	signal: AbortSignal;
	inFlight: number;
	maxInFlight: number;
	items: ItemRecord[];
	error?: unknown;
}

export interface ProcessRecord {
	throttle?: Throttle;
	registry: ThrottleRegistry;
	executions: ExecutionRecord[];
	/** The most callers its throttle held at once. */
	maxWaiting: number;
}

export interface WorldRecord {
	scenario: Scenario;
	startedAt: number;
	endedAt: number;
	processes: ProcessRecord[];
	/** Requests for each address that BizKitHub handled and did not refuse. */
	handled: Map<string, number>;
	/** Timers of the node's code still set when everything had ended. */
	nodeTimersLeft: number;
}

/** Runs a scenario in virtual time: the node's real sending path against the simulated BizKitHub. */
export async function runWorld(scenario: Scenario): Promise<WorldRecord> {
	const time = new VirtualTime(EPOCH);
	const net = stream(scenario.seed, 'network');
	const faultRandom = stream(scenario.seed, 'faults');
	const faults = scenario.faults ?? {};
	const limiter = limiterOf(scenario.limiter);
	const handled = new Map<string, number>();
	const [low, high] = scenario.latencyMs;
	let events = 0;
	let paceNow: number | undefined;

	/** BizKitHub: the limiter first, then the registration, as the API documents its answers. */
	function serve(record: SendRecord, email: string) {
		const t = time.now;
		record.handled = true;
		record.handledAt = t;
		const decision = limiter.take(t);
		const headers: Record<string, string> = {
			date: new Date(Math.floor(t / 1000) * 1000).toUTCString(),
		};
		if (scenario.headers === 'full') {
			headers['x-ratelimit-limit'] = String(limiter.limit);
			headers['x-ratelimit-remaining'] = String(decision.remaining);
			headers['x-ratelimit-reset'] = String(Math.ceil(decision.resetAtMs / 1000));
			if (decision.allowed && decision.remaining === 0)
				record.noQuotaForMs = Math.ceil(decision.resetAtMs / 1000) * 1000 - t;
		}
		if (!decision.allowed) {
			record.refused = true;
			const seconds = Math.max(1, Math.ceil(decision.waitMs / 1000));
			const absurd = faultRandom() < (faults.absurdWait ?? 0);
			const missing = faultRandom() < (faults.missingWait ?? 0);
			if (scenario.headers !== 'none' && !missing) {
				const said = absurd
					? ['-5', 'soon', String(seconds * 1000), '99999999', '80000'][
							Math.floor(faultRandom() * 5)
						]
					: String(seconds);
				headers['retry-after'] = said;
				const value = Number(said);
				if (Number.isFinite(value) && value > 0 && value <= 86_400)
					record.statedWaitMs = value * 1000;
			}
			if (absurd && scenario.headers === 'full') headers['x-ratelimit-reset'] = '0';
			const error = { code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests' };
			const body = {
				error: scenario.headers === 'none' ? error : { ...error, retry_after: seconds },
			};
			return { statusCode: 429, headers, body: JSON.stringify(body) };
		}
		const count = (handled.get(email) ?? 0) + 1;
		handled.set(email, count);
		const body =
			count === 1
				? { success: true }
				: { success: false, errorCode: 'E004', message: 'Too many registration attempts.' };
		return { statusCode: 200, headers, body: JSON.stringify(body) };
	}

	/** The network between one item and BizKitHub: latency drawn per request, faults by chance. */
	function request(item: ItemRecord, timeoutMs: number) {
		return () =>
			new Promise((resolve, reject) => {
				const record: SendRecord = {
					sentAt: time.now,
					order: { sent: ++events },
					handled: false,
					pace: paceNow,
				};
				item.sends.push(record);
				const slow = scenario.slowdown;
				const [lo, hi] =
					slow && time.now >= EPOCH + slow.fromMs && time.now < EPOCH + slow.toMs
						? slow.latencyMs
						: [low, high];
				const way = (lo + net() * (hi - lo)) / 2;
				const back = (lo + net() * (hi - lo)) / 2;
				const roll = faultRandom();
				let edge = 0;
				const is = (p = 0) => roll >= edge && roll < (edge += p);
				const fail = (code: string) => reject(Object.assign(new Error(code), { code }));
				const answer = (response: unknown) =>
					time.at(time.now + back, () => {
						// (An answer after the node gave up on the request (Request Timeout) is never heard.)
						if (record.returnedAt === undefined) {
							record.answeredAt = time.now;
							record.order.answered = ++events;
						}
						resolve(response);
					});
				const faulty = (fault: SendRecord['fault']) => (record.fault = fault);
				if (is(faults.refused)) {
					faulty('refused');
					time.at(time.now + way, () => fail('ECONNREFUSED'));
				} else if (is(faults.reset)) {
					faulty('reset');
					time.at(time.now + way, () => fail('ECONNRESET'));
				} else if (is(faults.lost)) {
					faulty('lost');
					time.at(time.now + way, () => serve(record, item.email));
					if (timeoutMs === 0) time.at(time.now + HANG_MS, () => fail('ECONNRESET'));
				} else if (is(faults.gateway)) {
					faulty('gateway');
					time.at(time.now + way, () => {
						if (net() < 0.5) serve(record, item.email);
						const date = new Date(Math.floor(time.now / 1000) * 1000).toUTCString();
						answer({ statusCode: net() < 0.5 ? 502 : 503, headers: { date }, body: 'Bad Gateway' });
					});
				} else time.at(time.now + way, () => answer(serve(record, item.email)));
			});
	}

	const step = faults.wallClockStep;
	const processes: ProcessRecord[] = scenario.processes.map((spec, p) => {
		const clockRandom = stream(scenario.seed, `process ${p}`);
		const skew = (clockRandom() - 0.5) * 4000;
		const wallOffset = () =>
			skew + (step && step.process === p && time.now >= EPOCH + step.atMs ? step.byMs : 0);
		const clock: Clock = time.clock(clockRandom() * 1e9, wallOffset, clockRandom);
		return {
			registry: new ThrottleRegistry(clock),
			maxWaiting: 0,
			executions: spec.executions.map((execution, e) => ({
				process: p,
				index: e,
				spec: execution,
				signal: new AbortController().signal,
				inFlight: 0,
				maxInFlight: 0,
				items: Array.from({ length: execution.items }, (_, job) => ({
					process: p,
					execution: e,
					job,
					email: `p${p}e${e}i${job}@sim.bizkithub.test`,
					sends: [],
					results: [],
				})),
			})),
			clock,
		} as ProcessRecord & { clock: Clock };
	});

	const context = (record: ExecutionRecord, item: ItemRecord) =>
		({
			helpers: { httpRequestWithAuthentication: request(item, record.spec.timeoutMs) },
		}) as unknown as IExecuteFunctions;

	let running = 0;
	for (const process of processes as Array<ProcessRecord & { clock: Clock }>) {
		for (const record of process.executions) {
			const { spec } = record;
			running += 1;
			const controller = new AbortController();
			// As n8n's WorkflowExecute does with its execution's signal.
			unlimitedListeners(controller.signal);
			record.signal = controller.signal;
			if (spec.stopMs !== undefined) {
				time.at(EPOCH + spec.stopMs, () => {
					record.stoppedAt = time.now;
					controller.abort();
				});
			}
			time.at(EPOCH + spec.startMs, () => {
				record.startedAt = time.now;
				const { throttle, release } = process.registry.share(throttleKeyOf(BASE_URL, API_KEY));
				process.throttle = throttle;
				const settings = {
					concurrency: spec.concurrency,
					maxAttempts: spec.maxAttempts,
					maxRateLimitWaitMs: spec.maxRateLimitWaitS * 1000,
					signal: controller.signal,
				};
				const requestSettings = {
					baseUrl: BASE_URL,
					credentials: { id: 'sim', name: 'sim', type: CREDENTIAL_TYPE, data: { apiKey: API_KEY } },
					timeout: spec.timeoutMs,
					signal: controller.signal,
					secrets: [API_KEY],
					clock: process.clock,
				};
				void sendAll(
					spec.items,
					settings,
					(job) => {
						const item = record.items[job];
						item.startedAt = time.now;
						const body = { email: item.email, password: `pw-${job}` };
						return async () => {
							record.inFlight += 1;
							record.maxInFlight = Math.max(record.maxInFlight, record.inFlight);
							process.maxWaiting = Math.max(process.maxWaiting, throttle.waiting);
							paceNow = throttle.rate;
							try {
								return await apiRequest(
									context(record, item),
									{ path: REGISTER_ACCOUNT_PATH, body },
									requestSettings,
								);
							} finally {
								record.inFlight -= 1;
								const last = item.sends[item.sends.length - 1];
								if (last) {
									last.returnedAt = time.now;
									last.order.returned = ++events;
								}
							}
						};
					},
					(job, result) => {
						const item = record.items[job];
						item.results.push({ at: time.now, result });
						if (
							'platformCode' in result.outcome &&
							result.outcome.platformCode === 'RATE_LIMIT_EXCEEDED'
						) {
							item.limiterAtFailure = limiter.clone();
							item.pacedAtFailure = throttle.rate !== undefined;
						}
						return spec.continueOnFail === true || result.outcome.kind !== 'failed';
					},
					{ throttle, clock: process.clock },
				)
					.then(
						() => undefined,
						(error: unknown) => (record.error = error),
					)
					.finally(() => {
						record.endedAt = time.now;
						release();
						running -= 1;
					});
			});
		}
	}

	const other = scenario.otherClients;
	if (other && other.perSecond > 0) {
		const random = stream(scenario.seed, 'other clients');
		const next = (after: number) => {
			const at = after - Math.log(1 - random()) * (1000 / other.perSecond);
			if (other.toMs !== undefined && at > EPOCH + other.toMs) return;
			time.at(at, () => {
				limiter.take(time.now);
				next(time.now);
			});
		};
		next(EPOCH + (other.fromMs ?? 0));
	}

	await time.run(() => running === 0 && time.now >= EPOCH + lastStart(scenario));
	return {
		scenario,
		startedAt: EPOCH,
		endedAt: time.now,
		processes,
		handled,
		nodeTimersLeft: time.nodeTimers,
	};
}

function lastStart(scenario: Scenario): number {
	return Math.max(...scenario.processes.flatMap((p) => p.executions.map((e) => e.startMs)));
}
