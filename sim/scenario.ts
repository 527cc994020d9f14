import { BothLimits, FixedWindow, Outage, SlidingLog, TokenBucket, type Limiter } from './limiters';
import { EPOCH } from './epoch';
import { stream } from './random';

/** BizKitHub's plans: requests an hour, and the burst allowed on top. */
export const PLANS = {
	free: { perHour: 1000, burst: 50 },
	starter: { perHour: 10_000, burst: 200 },
	professional: { perHour: 100_000, burst: 1000 },
} as const;

export type LimiterSpec =
	| {
			/**
			 * A plan's limit. `reading` says how the burst is counted (the documentation does not):
			 * `second`, at most the burst in any rolling second on top of a sliding hour; `bucket`, a
			 * token bucket of the burst refilled at the hourly rate. `remaining` says what
			 * X-RateLimit-Remaining counts down (`second` only), `reset` what X-RateLimit-Reset is.
			 */
			kind: 'plan';
			plan: keyof typeof PLANS;
			reading: 'second' | 'bucket';
			remaining?: 'hour' | 'burst';
			reset?: 'next' | 'all';
	  }
	| { kind: 'bucket'; perSecond: number; burst: number }
	| { kind: 'window'; limit: number; windowMs: number }
	| { kind: 'log'; limit: number; windowMs: number; reset?: 'next' | 'all' }
	/** Everything refused until `untilMs` (after the start) with a Retry-After of `retryAfterS`, then nothing. */
	| { kind: 'outage'; untilMs: number; retryAfterS: number };

export interface ExecutionSpec {
	items: number;
	concurrency: number;
	maxRateLimitWaitS: number;
	maxAttempts: number;
	/** Request Timeout (ms); 0 for none. */
	timeoutMs: number;
	/** When the execution starts, ms after the simulation does. */
	startMs: number;
	/** When it is stopped (the editor's Stop), ms after the simulation starts; none if not given. */
	stopMs?: number;
	/** On Error: Continue. Without it the first failed item ends the run: no further item starts. */
	continueOnFail?: boolean;
}

export interface Scenario {
	/** Drives every random choice of the run (latencies, faults, jitter). */
	seed: number;
	limiter: LimiterSpec;
	/** `full`: X-RateLimit-* on every answer and Retry-After on a 429; `retry-after`: only that; `none`: neither. */
	headers: 'full' | 'retry-after' | 'none';
	/** The round trip, ms: each request's is drawn between the two (answers may overtake each other). */
	latencyMs: [number, number];
	/**
	 * BizKitHub slowed down (under load): requests sent from `fromMs` until `toMs` (after the start)
	 * take a round trip drawn from `latencyMs` instead, longer than the throttle's patience maybe.
	 */
	slowdown?: { fromMs: number; toMs: number; latencyMs: [number, number] };
	/** Other clients spending the same key, requests a second (spread at random), from and until. */
	otherClients?: { perSecond: number; fromMs?: number; toMs?: number };
	/** n8n processes sharing the key (queue mode's workers), each with a throttle of its own. */
	processes: Array<{ executions: ExecutionSpec[] }>;
	/** Chances per request, and a step of one process's wall clock. */
	faults?: {
		/** The connection is refused: nothing reaches BizKitHub. */
		refused?: number;
		/** The connection is reset before BizKitHub has the request. */
		reset?: number;
		/** BizKitHub handles the request but its answer is lost (the attempt times out). */
		lost?: number;
		/** A gateway answers 502 or 503 (BizKitHub behind it may or may not have handled it). */
		gateway?: number;
		/** A 429 states an absurd wait (huge, negative, not a number). */
		absurdWait?: number;
		/** A 429 states no wait at all. */
		missingWait?: number;
		wallClockStep?: { process: number; atMs: number; byMs: number };
	};
}

export function limiterOf(spec: LimiterSpec): Limiter {
	switch (spec.kind) {
		case 'plan': {
			const { perHour, burst } = PLANS[spec.plan];
			if (spec.reading === 'bucket') return new TokenBucket(perHour / 3600, burst);
			const hour = new SlidingLog(perHour, 3_600_000, spec.reset ?? 'next');
			const second = new SlidingLog(burst, 1000, spec.reset ?? 'next');
			return new BothLimits(hour, second, spec.remaining === 'burst' ? 'second' : 'first');
		}
		case 'bucket':
			return new TokenBucket(spec.perSecond, spec.burst);
		case 'window':
			return new FixedWindow(spec.limit, spec.windowMs);
		case 'log':
			return new SlidingLog(spec.limit, spec.windowMs, spec.reset ?? 'next');
		case 'outage':
			return new Outage(EPOCH + spec.untilMs, spec.retryAfterS);
	}
}

/** The requests a second a limiter lets through in the long run. */
export function sustainedRate(spec: LimiterSpec): number {
	switch (spec.kind) {
		case 'plan':
			return PLANS[spec.plan].perHour / 3600;
		case 'bucket':
			return spec.perSecond;
		case 'outage':
			return Number.POSITIVE_INFINITY;
		default:
			return (spec.limit / spec.windowMs) * 1000;
	}
}

/** A random scenario for `seed`: small enough that thousands of seeds run in minutes. */
export function randomScenario(seed: number): Scenario {
	const random = stream(seed, 'scenario');
	const pick = <T>(choices: readonly T[]): T => choices[Math.floor(random() * choices.length)];
	const between = (low: number, high: number) => Math.round(low + random() * (high - low));
	const chance = (p: number) => random() < p;

	let limiter: LimiterSpec;
	const kind = pick(['plan', 'plan', 'bucket', 'window', 'log'] as const);
	if (kind === 'plan') {
		limiter = {
			kind,
			plan: 'free',
			reading: pick(['second', 'bucket'] as const),
			remaining: pick(['hour', 'burst'] as const),
			reset: pick(['next', 'all'] as const),
		};
	} else if (kind === 'bucket') {
		limiter = {
			kind,
			perSecond: pick([1, 2, 5, 10, 20, 50, 100]),
			burst: pick([1, 2, 5, 10, 20, 50]),
		};
	} else {
		limiter = {
			kind,
			limit: pick([1, 2, 5, 10, 20, 50]),
			windowMs: pick([1000, 1000, 2000, 5000, 10_000]),
			...(kind === 'log' ? { reset: pick(['next', 'all'] as const) } : {}),
		};
	}
	const processes = Array.from({ length: pick([1, 1, 1, 2, 3, 4]) }, () => ({
		executions: Array.from({ length: pick([1, 1, 2, 3]) }, (): ExecutionSpec => {
			const execution: ExecutionSpec = {
				items: pick([1, 3, 10, 30, 60, 120, 250]),
				concurrency: pick([1, 2, 5, 5, 10, 20, 50]),
				maxRateLimitWaitS: pick([0, 1, 5, 60, 300, 300, 3600, 86_400]),
				maxAttempts: pick([1, 2, 4, 4, 10]),
				timeoutMs: pick([0, 500, 5000, 30_000, 30_000]),
				startMs: chance(0.5) ? 0 : between(0, 120_000),
				continueOnFail: chance(0.7),
			};
			if (chance(0.2)) execution.stopMs = execution.startMs + between(0, 30_000);
			return execution;
		}),
	}));
	const faults: Scenario['faults'] = {};
	if (chance(0.3)) {
		faults.refused = pick([0, 0.01, 0.05]);
		faults.reset = pick([0, 0.01, 0.05]);
		faults.lost = pick([0, 0.01, 0.05]);
		faults.gateway = pick([0, 0.01, 0.05]);
	}
	if (chance(0.15)) faults.absurdWait = pick([0.05, 0.3]);
	if (chance(0.15)) faults.missingWait = pick([0.05, 0.3]);
	if (chance(0.2)) {
		faults.wallClockStep = {
			process: between(0, processes.length - 1),
			atMs: between(0, 60_000),
			byMs: pick([-3_600_000, 3_600_000]),
		};
	}
	const low = pick([1, 10, 40, 100]);
	return {
		seed,
		limiter,
		headers: pick(['full', 'full', 'retry-after', 'none'] as const),
		latencyMs: [low, low + pick([0, 10, 50, 200])],
		...(chance(0.15)
			? { otherClients: { perSecond: sustainedRate(limiter) * pick([0.1, 0.3, 0.6]) } }
			: {}),
		processes,
		faults,
		...(chance(0.1) ? { slowdown: slowdownAt(between(0, 60_000), between(1000, 15_000)) } : {}),
	};

	function slowdownAt(fromMs: number, forMs: number): Scenario['slowdown'] {
		const slowest = pick([1500, 4000, 12_000]);
		return { fromMs, toMs: fromMs + forMs, latencyMs: [slowest / 3, slowest] };
	}
}
