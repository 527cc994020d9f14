// @ts-check
'use strict';

// Turns measured jobs into bench/results.md: one table row per job, notes on where time went, the
// growth table, the CPU profile summary and one verdict line per target.

const os = require('node:os');

const { requireBuilt } = require('../../scripts/lib/built');

/** The targets `npm run bench` gives a verdict on. */
const TARGETS = {
	ofCeiling: 0.95,
	overHttpRequestDefault: 1.25,
	/** Under a rate limit, against its minimum, where the minimum is at least rateLimitedFromMs. */
	rateLimitedWithin: 1.05,
	/** Below this, one whole-second wait is already more than 5% of the minimum. */
	rateLimitedFromMs: 15_000,
	/** Time per item at the largest size at most this much above the size before it. */
	linearWithin: 1.2,
	/** Queue mode: two workers sharing one rate limit, against the limit's minimum. */
	sharedLimitWithin: 1.25,
	/** Memory per sent item (heap after GC and peak) at most this much of Validate Only's. */
	sendMemoryOfValidate: 1.5,
};

/**
 * @typedef {{ part: string, kind: string, label: string, job: any, result: import('./harness').JobResult }} Measured
 */

const seconds = (/** @type {number} */ ms) => (ms / 1000).toFixed(2);
const answers429 = (/** @type {number} */ count) =>
	count === 1 ? '1 answer was 429' : `${count} answers were 429`;
const itemsOut = (/** @type {Measured} */ each) =>
	each.result.outputs.reduce((sum, items) => sum + items.length, 0);
/** How many outcome outputs the node has (n8n's Error output comes after them), from the build. */
const outcomeOutputs = () =>
	requireBuilt('nodes/BizKitHub/actions/customer/registerAccount/outputs').OUTPUT_NAMES.length;
/** Items on an error path: after the outcome outputs, or the whole run failed. */
const onErrorPath = (/** @type {Measured} */ each) =>
	each.result.outputs.slice(outcomeOutputs()).reduce((sum, items) => sum + items.length, 0);

function limiterLabel(/** @type {import("./jobs").LimiterVariant} */ limiter) {
	return `${limiter.kind === 'bucket' ? `token bucket ${limiter.limit}/s burst ${limiter.burst}` : `fixed window ${limiter.limit}/s`}, ${limiter.headers ? 'with' : 'without'} X-RateLimit headers`;
}

/**
 * The least time `items` requests can take under `rateLimit`: all but the first burst at the
 * limit's rate (a fixed window's burst is its limit).
 */
const limitMinimumMs = (
	/** @type {{ limit: number, burst?: number, windowMs?: number }} */ rateLimit,
	/** @type {number} */ items,
) =>
	((items - (rateLimit.burst ?? rateLimit.limit)) / rateLimit.limit) * (rateLimit.windowMs ?? 1000);

/** The least time a rate-limited job can take. */
const minimumMs = (/** @type {Measured} */ each) =>
	limitMinimumMs(each.job.sandbox.rateLimit, each.job.items);

const idealMs = (/** @type {{ items: number, latencyMs: number, concurrency: number }} */ t) =>
	(t.items / t.concurrency) * t.latencyMs;

const find = (/** @type {Measured[]} */ measured, /** @type {string} */ kind) =>
	measured.find((each) => each.kind === kind);

/** One table row: job, setup, time, against the bound, items. */
function row(
	/** @type {Measured} */ each,
	/** @type {Measured[]} */ measured,
	/** @type {any} */ t,
) {
	const { result, job } = each;
	const time = `${seconds(result.ms)} s${result.failedRun ? ' (the run failed)' : ''}`;
	const lost = `${job.items - result.registered} lost`;
	const ofIdeal = `${((idealMs(t) / result.ms) * 100).toFixed(1)}% of the ideal ${seconds(idealMs(t))} s`;
	const throughputSetup = `${job.items} items, ${t.latencyMs} ms latency, concurrency ${t.concurrency}`;
	const node = find(measured, 'node');
	switch (each.kind) {
		case 'node':
		case 'httpDefault':
		case 'httpBatched':
			return [
				each.label,
				throughputSetup,
				time,
				`${ofIdeal}; ${answers429(result.rateLimited)}`,
				lost,
			];
		case 'ceiling':
		case 'ceilingPaced':
			return [
				each.label,
				throughputSetup,
				time,
				`${ofIdeal}${node ? `; the BizKitHub node reaches ${(result.ms / node.result.ms).toFixed(2)} of it` : ''}`,
				lost,
			];
		case 'limited':
		case 'httpLimited': {
			const { rateLimit } = job.sandbox;
			return [
				each.label,
				`${job.items} items, ${rateLimit.kind === 'window' ? `${rateLimit.limit} a second` : `${rateLimit.limit}/s, burst ${rateLimit.burst}`}`,
				time,
				`${(result.ms / minimumMs(each)).toFixed(2)}x the minimum ${seconds(minimumMs(each))} s; ${answers429(result.rateLimited)}`,
				`${lost}, ${onErrorPath(each)} on an error path`,
			];
		}
		default:
			return [];
	}
}

/** A line under the table on where a throughput run's time went. */
function throughputNote(/** @type {Measured} */ each) {
	const { result } = each;
	const cpu =
		result.cpuMsPerRequest === undefined || result.busy === undefined
			? ''
			: `; n8n spent ${result.cpuMsPerRequest.toFixed(2)} ms of CPU on each request, its thread busy ${Math.round(result.busy * 100)}% of the time`;
	return `${each.label}: up to ${result.maxInFlight} requests were at the sandbox at once, answered in ${result.answerMs.toFixed(1)} ms on average${cpu}.`;
}

/** Growth runs by kind, smallest first. */
function growthRuns(/** @type {Measured[]} */ measured) {
	const of = (/** @type {string} */ kind) =>
		measured.filter((each) => each.kind === kind).sort((a, b) => a.job.items - b.job.items);
	return {
		validate: of('validate'),
		send: of('send'),
		http: of('httpGrowth'),
		validateTight: of('validateTight'),
		sendTight: of('sendTight'),
	};
}

/** Whether a growth run finished: n8n printed its run (it did not run out of memory). */
const finished = (/** @type {Measured} */ each) => !each.result.crashed;

/** Time per item at the largest size over time per item at the size before it. */
function growthRatio(/** @type {Measured[]} */ runs) {
	if (runs.length < 2 || !runs.slice(-2).every(finished)) return undefined;
	const [before, largest] = runs.slice(-2);
	return largest.result.ms / largest.job.items / (before.result.ms / before.job.items);
}

/**
 * Memory per item between the two largest sizes that finished, in kilobytes per item: how `value`
 * (megabytes) grows from one to the other. Undefined when fewer than two finished.
 */
function perItemKb(
	/** @type {Measured[]} */ runs,
	/** @type {(each: Measured) => number | undefined} */ value,
) {
	const done = runs.filter(finished);
	if (done.length < 2) return undefined;
	const [before, largest] = done.slice(-2);
	const from = value(before);
	const to = value(largest);
	if (from === undefined || to === undefined) return undefined;
	return ((to - from) * 1024) / (largest.job.items - before.job.items);
}

/** The peak's growth per item between the two largest sizes, in kilobytes. */
const memoryPerItemKb = (/** @type {Measured[]} */ runs) =>
	perItemKb(runs, (each) => each.result.peakMb);

/** The growth per item of the heap held after a full GC, between the two largest sizes. */
const heapPerItemKb = (/** @type {Measured[]} */ runs) =>
	perItemKb(runs, (each) => each.result.heap?.heapUsedMb);

/** A per-item figure in kilobytes, or that it was not measured. */
const kb = (/** @type {number | undefined} */ value) =>
	value === undefined ? 'not measured' : `${value.toFixed(1)} KB`;

function growthTable(/** @type {Measured[]} */ measured, oldSpaceMb = 0) {
	const { validate, send, http } = growthRuns(measured);
	const kinds = [
		{ name: 'Validate Only', runs: validate, count: itemsOut },
		{
			name: 'BizKitHub sends',
			runs: send,
			count: (/** @type {Measured} */ each) => each.result.registered,
		},
		{
			name: 'HTTP Request node sends',
			runs: http,
			count: (/** @type {Measured} */ each) => each.result.registered,
		},
	].filter((kind) => kind.runs.length > 0);
	if (kinds.length === 0) return '';
	const sizes = [...new Set(kinds.flatMap((kind) => kind.runs.map((each) => each.job.items)))].sort(
		(a, b) => a - b,
	);
	const cell = (
		/** @type {Measured | undefined} */ each,
		/** @type {(each: Measured) => number} */ count,
	) => {
		if (!each) return 'not run';
		if (each.result.crashed)
			return `**n8n ended without finishing** (${each.result.crashed.replace(/\|/g, '/')}), peak ${each.result.peakMb} MB`;
		const heap = each.result.heap
			? `, heap after GC ${each.result.heap.heapUsedMb.toFixed(0)} MB`
			: '';
		return `${seconds(each.result.ms)} s (${((each.result.ms * 1000) / each.job.items).toFixed(1)} µs an item), peak ${each.result.peakMb} MB${heap}, ${each.job.items - count(each)} lost`;
	};
	const lines = [
		`| items | ${kinds.map((kind) => `${kind.name}: time, n8n peak memory, heap after GC`).join(' | ')} |`,
		`| --- | ${kinds.map(() => '---').join(' | ')} |`,
		...sizes.map(
			(items) =>
				`| ${items.toLocaleString('en-US')} | ${kinds
					.map((kind) =>
						cell(
							kind.runs.find((each) => each.job.items === items),
							kind.count,
						),
					)
					.join(' | ')} |`,
		),
	];
	const perItem = [
		'| per item, between the two largest sizes that finished | heap after GC | peak memory |',
		'| --- | --- | --- |',
		...kinds.map(
			(kind) =>
				`| ${kind.name} | ${kb(heapPerItemKb(kind.runs))} | ${kb(memoryPerItemKb(kind.runs))} |`,
		),
	];
	const describe = (/** @type {string} */ name, /** @type {Measured[]} */ runs) => {
		const ratio = growthRatio(runs);
		return ratio === undefined
			? ''
			: `- ${name}: time per item at ${runs[runs.length - 1].job.items.toLocaleString('en-US')} items is ${ratio.toFixed(2)}x that at ${runs[runs.length - 2].job.items.toLocaleString('en-US')}.`;
	};
	return `## How cost grows

Each size ran in an n8n process of its own${oldSpaceMb ? ` started with \`--max-old-space-size=${oldSpaceMb}\`` : ''}, sends against a sandbox answering after 1 ms;
the HTTP Request node posts the same items with its default settings. "Peak" is the process's peak
resident size, n8n's own start-up (about 300 MB) included: it counts garbage not yet collected too.
"Heap after GC" is the heap still in use after a full garbage collection once the node has run,
while n8n still holds the run (input items, the node's output items, n8n's record of the run): read
by a test-only node on a later branch of the same workflow (bench/ceiling-node/nodes/BenchHeap.node.js).
Chart: [growth.svg](growth.svg).

${lines.join('\n')}

${perItem.join('\n')}
${tightTable(measured)}
${kinds
	.map((kind) => describe(kind.name, kind.runs))
	.filter(Boolean)
	.join('\n')}
`;
}

/**
 * Sends and Validate Only again at the largest sizes in less old space (run.js's
 * TIGHT_OLD_SPACE_MB): their peaks and per item, nearer what the job needs than what V8 took.
 */
function tightTable(/** @type {Measured[]} */ measured) {
	const { validateTight, sendTight } = growthRuns(measured);
	if (sendTight.length === 0 || validateTight.length === 0) return '';
	const oldSpace = oldSpaceOf(sendTight[sendTight.length - 1]);
	const peak = (/** @type {Measured | undefined} */ each) =>
		!each
			? 'not run'
			: each.result.crashed
				? `**n8n ended without finishing**, peak ${each.result.peakMb} MB`
				: `peak ${each.result.peakMb} MB`;
	return `
In an n8n started with \`--max-old-space-size=${oldSpace}\` (with more room, V8 lets the heap grow
before it collects, the more the longer a run allocates):

| items | Validate Only | BizKitHub sends |
| --- | --- | --- |
${sendTight
	.map(
		(each) =>
			`| ${each.job.items.toLocaleString('en-US')} | ${peak(validateTight.find((other) => other.job.items === each.job.items))} | ${peak(each)} |`,
	)
	.join('\n')}
| peak per item | ${kb(memoryPerItemKb(validateTight))} | ${kb(memoryPerItemKb(sendTight))} |
`;
}

/** The old space a job's n8n was started with, if it was limited. */
const oldSpaceOf = (/** @type {Measured} */ each) =>
	/--max-old-space-size=(\d+)/.exec(each.job.nodeOptions ?? '')?.[1];

/** The chart's panels: time and memory against items, one line per kind of run. */
function growthPanels(/** @type {Measured[]} */ measured) {
	const { validate, send, http } = growthRuns(measured);
	const line = (
		/** @type {string} */ name,
		/** @type {Measured[]} */ runs,
		/** @type {(each: Measured) => number} */ value,
	) => ({
		name,
		points: runs
			.filter(finished)
			.map((each) => /** @type {[number, number]} */ ([each.job.items, value(each)])),
	});
	return [
		{
			title: 'Time (s)',
			series: [
				line('sends', send, (each) => each.result.ms / 1000),
				line('Validate Only', validate, (each) => each.result.ms / 1000),
			],
		},
		{
			title: "n8n's peak memory (MB)",
			series: [
				line('sends', send, (each) => each.result.peakMb),
				line('Validate Only', validate, (each) => each.result.peakMb),
				line('HTTP Request node', http, (each) => each.result.peakMb),
			],
		},
		{
			title: "n8n's heap after GC (MB)",
			series: [
				line('sends', send, (each) => each.result.heap?.heapUsedMb ?? 0),
				line('Validate Only', validate, (each) => each.result.heap?.heapUsedMb ?? 0),
				line('HTTP Request node', http, (each) => each.result.heap?.heapUsedMb ?? 0),
			],
		},
	]
		.map((panel) => ({ ...panel, series: panel.series.filter((each) => each.points.length > 0) }))
		.filter((panel) => panel.series.length > 0);
}

/** The profile summary: per subject, where the CPU time of a request went. */
function profileSection(/** @type {any[]} */ profiled) {
	if (profiled.length === 0) return '';
	const names = [
		...new Set(
			profiled.flatMap((each) => each.summary.owners.map((/** @type {any} */ owner) => owner.name)),
		),
	];
	const header = ['where the CPU time went (ms per request)', ...profiled.map((each) => each.name)];
	const cell = (/** @type {any} */ each, /** @type {string} */ name) => {
		const owner = each.summary.owners.find(
			(/** @type {any} */ candidate) => candidate.name === name,
		);
		return owner ? `${owner.msPerRequest.toFixed(3)} (${Math.round(owner.share * 100)}%)` : '-';
	};
	const lines = [
		header,
		header.map(() => '---'),
		...names.map((name) => [name, ...profiled.map((each) => cell(each, name))]),
		['all of it', ...profiled.map((each) => each.summary.cpuMsPerRequest.toFixed(3))],
	].map((cells) => `| ${cells.join(' | ')} |`);
	const credentialStep = (/** @type {any} */ each) =>
		each.summary.owners
			.filter((/** @type {any} */ owner) => /credential/.test(owner.name))
			.reduce((/** @type {number} */ sum, /** @type {any} */ owner) => sum + owner.msPerRequest, 0);
	const [, byFunction, byExpression] = profiled;
	const comparison =
		byFunction && byExpression
			? `\nThe credential step (n8n getting the credential and applying the key) costs ${credentialStep(byFunction).toFixed(3)} ms a request with the key applied by the credential's \`authenticate\` function, as the package does, and ${credentialStep(byExpression).toFixed(3)} ms with the key applied by an expression (a "generic" authentication, a test-only credential in bench/ceiling-node).\n`
			: '';
	return `## Where the CPU time of a request goes

CPU profiles (\`node --cpu-prof\`) of n8n running the throughput job, one process per column. Each
sample counts for the first of these found on its stack, top to bottom: so Node's socket work done
for the request helper counts for the request helper.

${lines.join('\n')}
${comparison}`;
}

/**
 * The simulator's targets: one row each, means over its seeds (sim/targets.ts's measure), `text`
 * its ratio as sim/targets.ts's ratioText prints it.
 */
function simulationSection(/** @type {any[]} */ simulated) {
	if (simulated.length === 0) return '';
	const met = simulated.filter((row) => row.met);
	const lines = [
		'| scenario | time | least time | against it (range) | refused of sent | |',
		'| --- | --- | --- | --- | --- | --- |',
		...simulated.map(
			(row) =>
				`| ${row.name} | ${seconds(row.virtualMs)} s | ${seconds(row.idealMs)} s | ${row.text} | ${row.refused} of ${row.sent} | ${row.met ? 'met' : '**not met**'} |`,
		),
	];
	return `## The simulator's targets

\`npm run sim -- --targets\`: the node's sending path (pool, pacer, throttle, retries, the reading of
answers) on a virtual clock against each limiter and header style (sim/targets.ts), the time against
what a client that knows the limiter needs (the least time), and the requests refused on the way:
means over a few seeds each (one run is chaotic), the ratio's range beside its mean.
Target: a mean of at most 1.05x. ${met.length} of ${simulated.length} met.

${lines.join('\n')}
`;
}

/** The cluster's own time for the load with no rate limit once its workers are warm. */
const queueFloor = (/** @type {QueueResult[]} */ queued) =>
	queued.find((each) => each.rateLimit === null && !each.cold);

/**
 * @typedef {import('./queueLoads').QueueResult} QueueResult
 */

/** The queue-mode loads: one row each. */
function queueSection(/** @type {QueueResult[]} */ queued) {
	if (queued.length === 0) return '';
	const floor = queueFloor(queued);
	const lines = [
		"| load | time | against the limit's minimum | registered | answered other than 201 | 429 answers | executions per worker |",
		'| --- | --- | --- | --- | --- | --- | --- |',
		...queued.map((each) => {
			const minimum = each.rateLimit ? limitMinimumMs(each.rateLimit, each.items) : undefined;
			const against = minimum ? `${(each.ms / minimum).toFixed(2)}x of ${seconds(minimum)} s` : '';
			const workers = Object.entries(each.byWorker)
				.map(([worker, count]) => `${worker} ${count}`)
				.join(', ');
			return `| ${each.label} | ${seconds(each.ms)} s | ${against} | ${each.registered} of ${each.items} | ${each.notAnswered201} | ${each.rateLimited} | ${workers} |`;
		}),
	];
	return `## Queue mode: two workers sharing one API key

n8n main and two workers (\`EXECUTIONS_MODE=queue\`, 5 executions at a time each) on Redis and
PostgreSQL on this machine; the sign-up webhook example takes ${queued[0].items} sign-ups posted at once, one
execution per sign-up, each load with a credential and a sandbox of its own. The workers share
nothing but the API: each paces itself by what the answers say. With no limit the cluster itself
took ${floor ? `${seconds(floor.ms)} s` : 'an unmeasured time'}: a limit whose minimum is below that cannot
show the node's pacing here.

${lines.join('\n')}
`;
}

/** One verdict per rate-limited queue-mode load; a limit the cluster cannot reach says so. */
function queueVerdicts(/** @type {QueueResult[]} */ queued) {
	const floor = queueFloor(queued);
	return queued
		.filter((each) => each.rateLimit !== null)
		.map((each) => {
			const minimum = limitMinimumMs(/** @type {any} */ (each.rateLimit), each.items);
			const ratio = each.ms / minimum;
			const lost = each.items - each.registered + each.notAnswered201;
			const name = `queue mode, two workers sharing ${each.label}`;
			const figures = `${ratio.toFixed(2)}x the minimum, ${lost} lost, ${answers429(each.rateLimited)}`;
			if (floor && floor.ms > minimum)
				return `NOT MEASURABLE HERE ${name}: ${figures}; with no limit the cluster alone took ${seconds(floor.ms)} s, more than the limit's minimum of ${seconds(minimum)} s (${lost === 0 ? 'none lost' : `${lost} lost`}, ${(each.ms / floor.ms).toFixed(2)}x the cluster's own time)`;
			const met = ratio <= TARGETS.sharedLimitWithin && lost === 0;
			return `${met ? 'MET' : 'NOT MET'} ${name}: ${figures} (target <= ${TARGETS.sharedLimitWithin}x, 0 lost)`;
		});
}

/**
 * Memory per sent item (heap after GC, then peak) against the HTTP Request node's and against
 * TARGETS.sendMemoryOfValidate times Validate Only's; and whether the largest send run finished.
 */
function memoryVerdicts(
	/** @type {Measured[]} */ send,
	/** @type {Measured[]} */ validate,
	/** @type {Measured[]} */ http,
	/** @type {(name: string, value: string | undefined, met: boolean, target: string) => string} */ line,
	/** @type {{ validateTight: Measured[], sendTight: Measured[] }} */ tight = {
		validateTight: [],
		sendTight: [],
	},
) {
	if (send.length === 0) return [];
	const measures = [
		{ name: 'heap after GC', of: heapPerItemKb },
		{ name: 'peak memory', of: memoryPerItemKb },
	];
	const lines = measures.map(({ name, of }) => {
		const sent = of(send);
		const plain = of(validate);
		const viaHttp = of(http);
		const within = TARGETS.sendMemoryOfValidate;
		return line(
			`${name} per sent item`,
			sent === undefined || plain === undefined || viaHttp === undefined
				? undefined
				: `${sent.toFixed(1)} KB; HTTP Request node ${viaHttp.toFixed(1)} KB, Validate Only ${plain.toFixed(1)} KB`,
			sent !== undefined &&
				plain !== undefined &&
				viaHttp !== undefined &&
				sent <= viaHttp &&
				sent <= within * plain,
			`<= the HTTP Request node's and <= ${within}x Validate Only's`,
		);
	});
	if (tight.sendTight.length > 0) {
		const sent = memoryPerItemKb(tight.sendTight);
		const plain = memoryPerItemKb(tight.validateTight);
		const within = TARGETS.sendMemoryOfValidate;
		lines.push(
			line(
				`peak memory per sent item in ${oldSpaceOf(tight.sendTight[tight.sendTight.length - 1])} MB of old space`,
				sent === undefined || plain === undefined
					? undefined
					: `${sent.toFixed(1)} KB; Validate Only ${plain.toFixed(1)} KB`,
				sent !== undefined && plain !== undefined && sent <= within * plain,
				`<= ${within}x Validate Only's`,
			),
		);
	}
	const largest = send[send.length - 1];
	const oldSpace = oldSpaceOf(largest);
	if (oldSpace) {
		const lost = largest.job.items - largest.result.registered;
		lines.push(
			line(
				`${largest.job.items.toLocaleString('en-US')} sends in an n8n with --max-old-space-size=${oldSpace}`,
				largest.result.crashed
					? `n8n ended without finishing: ${largest.result.crashed}`
					: `finished, peak ${largest.result.peakMb} MB, ${lost} lost`,
				!largest.result.crashed && lost === 0,
				'finishes, 0 lost',
			),
		);
	}
	return lines;
}

/** One line per target: met or not, with the figure; a target whose job did not run says so. */
function verdicts(/** @type {Measured[]} */ measured, /** @type {QueueResult[]} */ queued = []) {
	const line = (
		/** @type {string} */ name,
		/** @type {string | undefined} */ value,
		/** @type {boolean} */ met,
		/** @type {string} */ target,
	) =>
		value === undefined
			? `${name}: not measured in this run`
			: `${met ? 'MET' : 'NOT MET'} ${name}: ${value} (target ${target})`;
	const node = find(measured, 'node');
	const versus = (/** @type {string} */ kind) => {
		const other = find(measured, kind);
		return node && other ? other.result.ms / node.result.ms : undefined;
	};
	const ofPaced = versus('ceilingPaced');
	const ofFirst = versus('ceiling');
	const overHttp = versus('httpDefault');
	const limited = measured.filter((each) => each.kind === 'limited');
	const { validate, send, http, validateTight, sendTight } = growthRuns(measured);
	const linear = (/** @type {string} */ name, /** @type {Measured[]} */ runs) => {
		const ratio = growthRatio(runs);
		return line(
			`${name} grows linearly`,
			ratio === undefined
				? undefined
				: `time per item at the largest size ${ratio.toFixed(2)}x that at the size before`,
			ratio !== undefined && ratio <= TARGETS.linearWithin,
			`<= ${TARGETS.linearWithin}x`,
		);
	};
	return [
		line(
			'throughput against the ceiling (starts spread)',
			ofPaced?.toFixed(2),
			(ofPaced ?? 0) >= TARGETS.ofCeiling,
			`>= ${TARGETS.ofCeiling}`,
		),
		...(ofFirst === undefined
			? []
			: [
					line(
						'throughput against the ceiling as first defined (starts not spread)',
						ofFirst.toFixed(2),
						ofFirst >= TARGETS.ofCeiling,
						`>= ${TARGETS.ofCeiling}`,
					),
				]),
		line(
			"throughput against the HTTP Request node's default",
			overHttp === undefined ? undefined : `${overHttp.toFixed(2)}x`,
			(overHttp ?? 0) >= TARGETS.overHttpRequestDefault,
			`>= ${TARGETS.overHttpRequestDefault}x`,
		),
		...(limited.length === 0
			? [line('rate limited under every limiter', undefined, false, '')]
			: limited.map((each) => {
					const ratio = each.result.ms / minimumMs(each);
					const lost = each.job.items - each.result.registered + onErrorPath(each);
					const timed = minimumMs(each) >= TARGETS.rateLimitedFromMs;
					return line(
						`rate limited, ${each.label}`,
						`${ratio.toFixed(2)}x the minimum of ${seconds(minimumMs(each))} s, ${lost} lost`,
						(!timed || ratio <= TARGETS.rateLimitedWithin) && lost === 0,
						timed
							? `<= ${TARGETS.rateLimitedWithin}x, 0 lost`
							: `0 lost; no time target for a minimum under ${TARGETS.rateLimitedFromMs / 1000} s`,
					);
				})),
		linear('Validate Only', validate),
		linear('Sending', send),
		...memoryVerdicts(send, validate, http, line, { validateTight, sendTight }),
		...queueVerdicts(queued),
	];
}

/** The whole of bench/results.md. */
function markdown(
	/** @type {{ measured: Measured[], profiled: any[], simulated: any[], queued: QueueResult[], throughput: any, quick: boolean, oldSpaceMb?: number, machine: { n8n: string, node: string, version: string, minutes?: number } }} */ input,
) {
	const { measured, profiled, simulated, queued, throughput, machine } = input;
	const cpu = os.cpus();
	const header = [
		'job',
		'setup',
		'time (the node, as n8n measured it)',
		'against the bound',
		'items',
	];
	const rows = measured
		.map((each) => row(each, measured, throughput))
		.filter((cells) => cells.length > 0);
	const table = [header, header.map(() => '---'), ...rows]
		.map((cells) => `| ${cells.join(' | ')} |`)
		.join('\n');
	const notes = measured
		.filter((each) =>
			['node', 'ceiling', 'ceilingPaced', 'httpDefault', 'httpBatched'].includes(each.kind),
		)
		.map(throughputNote);
	return `# Benchmark results

Made by \`npm run bench\`${input.quick ? ' --quick' : ''} on ${new Date().toISOString().slice(0, 10)}: n8n ${machine.n8n} on Node ${machine.node}, n8n-nodes-bizkithub ${machine.version}, ${cpu.length} cores (${cpu[0]?.model ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GB${machine.minutes === undefined ? '' : `; the run took ${machine.minutes} minutes (n8n already installed)`}.
Each job ran once${input.quick ? ', all in one n8n process' : ' in an n8n process of its own'}, against a sandbox of its own on 127.0.0.1.
Times are the node's own execution time as n8n reports it. "Lost" counts the items that were not
registered (or, for Validate Only, did not come out of the node). Rate-limited rows use the node's
default options.

${rows.length === 0 ? '(No n8n jobs in this run.)' : table}

- Throughput ideal: items / concurrency x latency. Rate-limited minimum: (items - burst) / rate; a
  fixed window's burst is its limit, and a run can beat that minimum by starting late in a window.
- The sandbox answers as the API documents: Retry-After in whole seconds (at least 1),
  X-RateLimit-Reset a Unix time in whole seconds.
${notes.map((note) => `- ${note}`).join('\n')}

${simulationSection(simulated)}
${growthTable(measured, input.oldSpaceMb)}
${profileSection(profiled)}
${queueSection(queued)}
## Verdicts

${verdicts(measured, queued)
	.map((verdict) => `- ${verdict}`)
	.join('\n')}
`;
}

module.exports = { TARGETS, limiterLabel, markdown, verdicts, growthPanels, growthTable };
