import type { Summary } from './invariants';
import type { ExecutionSpec, LimiterSpec, Scenario } from './scenario';
import { simulate } from './simulate';

/**
 * The scenarios the targets are measured on (docs/performance.md): BizKitHub's plans at their
 * documented sizes, with a Max Rate-Limit Wait that allows the whole run, one to four executions
 * sharing the key in one n8n process or two processes (queue mode); and limiters counting per
 * second. Each is run under every header style.
 */
export interface Target {
	name: string;
	scenario: Scenario;
	/** The most virtualMs / idealMs may be. */
	atMost: number;
}

/**
 * Seeds each target is run on: its own and the ones after. One run of a scenario is chaotic (a
 * change of a ten-thousandth in a constant moved a Free-plan row from 1.00x to 1.15x), so one
 * seed's ratio says more of the seed than of the node; the verdict is on the mean.
 */
export const TARGET_SEEDS = 5;

/** A target's runs: the mean and the range of their ratios, and what was refused of what was sent. */
export interface TargetResult {
	name: string;
	atMost: number;
	/** The mean ratio over the seeds; undefined if a run had none (an item got no answer). */
	ratio?: number;
	lowest?: number;
	highest?: number;
	/** Means over the seeds. */
	virtualMs: number;
	idealMs: number;
	refused: number;
	sent: number;
	violations: string[];
	met: boolean;
}

/** Runs a target on TARGET_SEEDS seeds. */
export async function measure(target: Target): Promise<TargetResult> {
	const runs: Summary[] = [];
	for (let offset = 0; offset < TARGET_SEEDS; offset++)
		runs.push(await simulate({ ...target.scenario, seed: target.scenario.seed + offset }));
	const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
	const defined = runs.flatMap((run) => (run.ratio === undefined ? [] : [run.ratio]));
	const answered = defined.length === runs.length;
	const ratio = answered ? Math.round(mean(defined) * 1000) / 1000 : undefined;
	const violations = runs.flatMap((run) =>
		run.violations.map((violation) => `seed ${run.seed}: ${violation}`),
	);
	return {
		name: target.name,
		atMost: target.atMost,
		ratio,
		lowest: answered ? Math.min(...defined) : undefined,
		highest: answered ? Math.max(...defined) : undefined,
		virtualMs: mean(runs.map((run) => run.virtualMs)),
		idealMs: mean(runs.map((run) => run.idealMs ?? 0)),
		refused: Math.round(mean(runs.map((run) => run.refused))),
		sent: Math.round(mean(runs.map((run) => run.sent))),
		violations,
		met: ratio !== undefined && ratio <= target.atMost && violations.length === 0,
	};
}

/** A result's ratio as the tables print it: the mean, then its range over the seeds. */
export function ratioText(result: TargetResult): string {
	return result.ratio === undefined
		? '-x'
		: `${result.ratio}x (${result.lowest}x to ${result.highest}x)`;
}

const DAY_S = 86_400;

function execution(items: number, concurrency = 5): ExecutionSpec {
	return {
		items,
		concurrency,
		maxRateLimitWaitS: DAY_S,
		maxAttempts: 4,
		timeoutMs: 30_000,
		startMs: 0,
		continueOnFail: true,
	};
}

/** `items` split over `executions` executions in each of `processes` processes. */
function shared(items: number, executions: number, processes = 1): Scenario['processes'] {
	const each = Math.round(items / executions / processes);
	return Array.from({ length: processes }, () => ({
		executions: Array.from({ length: executions }, () => execution(each)),
	}));
}

export function targets(): Target[] {
	const list: Target[] = [];
	const add = (
		name: string,
		limiter: LimiterSpec,
		processes: Scenario['processes'],
		seed: number,
		latencyMs: [number, number] = [40, 120],
	) => {
		for (const headers of ['full', 'retry-after', 'none'] as const) {
			list.push({
				name: `${name}, headers ${headers}`,
				scenario: { seed, limiter, headers, latencyMs, processes },
				atMost: 1.05,
			});
		}
	};
	const plans: Array<[string, LimiterSpec]> = [
		['Free, burst per second', { kind: 'plan', plan: 'free', reading: 'second' }],
		[
			'Free, burst per second, reset when all is back',
			{ kind: 'plan', plan: 'free', reading: 'second', reset: 'all' },
		],
		[
			'Free, burst per second, remaining counts the burst',
			{ kind: 'plan', plan: 'free', reading: 'second', remaining: 'burst' },
		],
		['Free, burst as a bucket', { kind: 'plan', plan: 'free', reading: 'bucket' }],
	];
	for (const [name, limiter] of plans) {
		add(`${name}: 3,000 items, one execution`, limiter, shared(3000, 1), 1);
		add(`${name}: 3,000 items, two executions`, limiter, shared(3000, 2), 2);
		add(`${name}: 3,000 items, four executions`, limiter, shared(3000, 4), 3);
		add(`${name}: 3,000 items, two processes`, limiter, shared(3000, 1, 2), 4);
	}
	add(
		'Starter, burst per second: 25,000 items, one execution',
		{ kind: 'plan', plan: 'starter', reading: 'second' },
		shared(25_000, 1),
		5,
	);
	add(
		'Starter, burst as a bucket: 25,000 items, two executions',
		{ kind: 'plan', plan: 'starter', reading: 'bucket' },
		shared(25_000, 2),
		6,
	);
	const perSecond: Array<[string, LimiterSpec, number]> = [
		['token bucket 20/s burst 5', { kind: 'bucket', perSecond: 20, burst: 5 }, 1200],
		['token bucket 50/s burst 20', { kind: 'bucket', perSecond: 50, burst: 20 }, 3000],
		['token bucket 5/s burst 10', { kind: 'bucket', perSecond: 5, burst: 10 }, 300],
		['token bucket 10/s burst 1', { kind: 'bucket', perSecond: 10, burst: 1 }, 600],
		['fixed window 20/s', { kind: 'window', limit: 20, windowMs: 1000 }, 1200],
		['fixed window 100 per 10 s', { kind: 'window', limit: 100, windowMs: 10_000 }, 600],
		['sliding log 20/s', { kind: 'log', limit: 20, windowMs: 1000 }, 1200],
	];
	for (const [name, limiter, items] of perSecond) {
		add(
			`${name}: ${items} items, Concurrency 20`,
			limiter,
			[{ executions: [execution(items, 20)] }],
			7,
		);
		add(
			`${name}: ${items} items, two executions`,
			limiter,
			[{ executions: [execution(items / 2, 10), execution(items / 2, 10)] }],
			8,
		);
	}
	// The bench's token bucket with a burst of 1 in n8n (docs/performance.md): a round trip of 1 to
	// 3 ms and the node's default options. Latency that varies this little leaves the pace's own
	// cost in the ratio, apart from the floor 40 to 120 ms of it set under this limiter.
	add(
		'token bucket 10/s burst 1, round trip 1 to 3 ms (the bench in n8n): 320 items, Concurrency 5',
		{ kind: 'bucket', perSecond: 10, burst: 1 },
		[{ executions: [{ ...execution(320), maxRateLimitWaitS: 300 }] }],
		9,
		[1, 3],
	);
	// A sliding log near BizKitHub (n8n in the same region): with latency that hardly varies, the
	// floor argued for 40 to 120 ms of it does not apply.
	add(
		'sliding log 20/s, round trip 1 to 3 ms: 1200 items, Concurrency 20',
		{ kind: 'log', limit: 20, windowMs: 1000 },
		[{ executions: [execution(1200, 20)] }],
		10,
		[1, 3],
	);
	// A fixed window near BizKitHub, as the bench meets it in n8n: a refusal says only that the
	// window is full until it turns, not that the pace is too fast (a pace lowered by each refused
	// probe took 1.13x to 1.20x here, and 1.12x to 1.32x in n8n, where no other row saw it).
	add(
		'fixed window 20/s, round trip 1 to 3 ms: 1200 items, Concurrency 20',
		{ kind: 'window', limit: 20, windowMs: 1000 },
		[{ executions: [execution(1200, 20)] }],
		11,
		[1, 3],
	);
	return list;
}
