'use strict';

// `npm run bench`: how fast the node registers customers in a real n8n 2.41.1 against the sandbox,
// next to n8n's own HTTP Request node doing the same jobs, and how fast it validates. Prints a table
// and writes it to bench/results.md. A benchmark, not a test: it asserts nothing.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startSandbox } = require('../sandbox/server');
const { build } = require('../scripts/lib/build');
const { installInto } = require('../scripts/lib/installPackage');
const n8n = require('../scripts/lib/n8n');
const { N8N_VERSION, NODE_VERSION, ROOT, ensureN8n, log } = require('../scripts/lib/runtime');
const { sandboxCredential } = require('../scripts/lib/sandboxCredential');
const {
	BIZKITHUB_NODE,
	INPUT_NODE,
	autoMapParameters,
	bizKitHubWorkflow,
	workflowFeeding,
} = require('../scripts/lib/workflows');

const HTTP_NODE = 'HTTP Request';
const RESULTS = path.join(__dirname, 'results.md');

/** `npm run bench -- --quick`: smaller jobs, for a look during development (under a minute). */
const QUICK = process.argv.includes('--quick');

const JOBS = QUICK
	? {
			throughput: { items: 400, latencyMs: 20, concurrency: 20, rateLimit: null },
			rateLimited: { items: 40, latencyMs: 0, rateLimit: { limit: 20, windowMs: 1000, burst: 5 } },
			validation: { items: 10000 },
		}
	: {
			throughput: { items: 2000, latencyMs: 20, concurrency: 20, rateLimit: null },
			rateLimited: { items: 300, latencyMs: 0, rateLimit: { limit: 20, windowMs: 1000, burst: 5 } },
			validation: { items: 50000 },
		};

/** The targets `npm run bench` gives a verdict on. */
const TARGETS = {
	ofCeiling: 0.95,
	overHttpRequestDefault: 1.25,
	rateLimitedWithin: 1.1,
};

const CEILING_NODE = 'Bench Ceiling';
const CEILING_PACKAGE = 'n8n-nodes-bizkithub-bench-ceiling';

/** Installs the bench's test-only ceiling node (bench/ceiling-node) next to the package. */
function installCeilingNode(userFolder) {
	const nodes = path.join(userFolder, '.n8n', 'nodes');
	fs.cpSync(
		path.join(__dirname, 'ceiling-node'),
		path.join(nodes, 'node_modules', CEILING_PACKAGE),
		{
			recursive: true,
		},
	);
	const manifestPath = path.join(nodes, 'package.json');
	const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
	manifest.dependencies = { ...manifest.dependencies, [CEILING_PACKAGE]: '0.0.0' };
	fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The ceiling node in a workflow: the same customers, the same credential and concurrency. */
function ceilingNode(credentialId, concurrency) {
	return {
		name: CEILING_NODE,
		type: `${CEILING_PACKAGE}.benchCeiling`,
		typeVersion: 1,
		parameters: { concurrency },
		credentials: { bizKitHubApi: { id: credentialId, name: credentialId } },
	};
}

/**
 * The limiters the API may stand behind (its documentation gives the headers, not the algorithm):
 * each answers in whole seconds, as documented, with and without the X-RateLimit-* headers.
 */
const LIMITERS = [
	{ kind: 'bucket', headers: true, limit: 20, burst: 5 },
	{ kind: 'bucket', headers: false, limit: 20, burst: 5 },
	{ kind: 'bucket', headers: false, limit: 50, burst: 20 },
	{ kind: 'window', headers: true, limit: 20, burst: 20 },
	{ kind: 'window', headers: false, limit: 20, burst: 20 },
];

/**
 * Code for the Code node: `count` customers with distinct addresses, already in the form the API
 * wants, so that the HTTP Request node, which sends them as they are, is not refused.
 */
function customersCode(count, prefix) {
	return `return Array.from({ length: ${count} }, (_, i) => ({ json: { email: '${prefix}' + i + '@example.com', password: 'bench-' + i, firstName: 'Bench', phone: '+420 777' + String(100000 + i).slice(-6) } }));`;
}

/** n8n's HTTP Request node posting each item to register-account, as a user would set it up. */
function httpRequestNode(sandbox, batching) {
	return {
		name: HTTP_NODE,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${sandbox.url}/api/v1/customer/register-account`,
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'apiKey', value: sandbox.keys.dev }] },
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify($json) }}',
			options: batching
				? { batching: { batch: { batchSize: batching.size, batchInterval: batching.intervalMs } } }
				: {},
		},
	};
}

/** CPU time (user and system) a process has used so far, in milliseconds; Linux only. */
function cpuMsOf(pid) {
	const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	const CLOCK_TICKS_PER_S = 100; // USER_HZ, 100 on Linux
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
}

/**
 * n8n's CPU time per request while the requests flowed (from the first sample after the first
 * request to the last sample before the last one), and how busy its one event loop was then.
 */
function cpuWhileSending(samples, requests) {
	if (requests.length === 0) return {};
	const first = requests[0].at;
	const last = requests[requests.length - 1].at;
	const inside = samples.filter(([at]) => at >= first && at <= last);
	if (inside.length < 2) return {};
	const [fromAt, fromCpu] = inside[0];
	const [toAt, toCpu] = inside[inside.length - 1];
	const sent = requests.filter((request) => request.at > fromAt && request.at <= toAt).length;
	if (sent === 0) return {};
	return { cpuMsPerRequest: (toCpu - fromCpu) / sent, busy: (toCpu - fromCpu) / (toAt - fromAt) };
}

/** Runs one workflow in the bench's n8n with a fresh sandbox; returns what the bench reports. */
async function measure(context, { id, job, node, outputNode }) {
	const sandbox = await startSandbox({ latencyMs: job.latencyMs ?? 0, rateLimit: job.rateLimit });
	try {
		const credentialId = `bench${id}`.slice(0, 16);
		await n8n.importCredentials(context.runtime, context.userFolder, [
			sandboxCredential(sandbox.url, sandbox.keys.dev, credentialId),
		]);
		const workflow = node(sandbox, credentialId);
		await n8n.importWorkflows(context.runtime, context.userFolder, [workflow]);
		let peakKb = 0;
		/** [time, CPU milliseconds used so far] of the n8n process, every 100 ms. */
		const cpuSamples = [];
		let watcher;
		const { run, printed } = await n8n.executeWorkflow(
			context.runtime,
			context.userFolder,
			workflow.id,
			{
				timeoutMs: 30 * 60 * 1000,
				onSpawn: (child) => {
					watcher = setInterval(() => {
						try {
							const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
							const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
							peakKb = Math.max(peakKb, hwm);
							cpuSamples.push([Date.now(), cpuMsOf(child.pid)]);
						} catch {
							// the process has ended
						}
					}, 100);
				},
			},
		);
		clearInterval(watcher);
		if (!run) throw new Error(`${id}: n8n printed no result:\n${printed.slice(-2000)}`);
		const outputs = n8n.nodeOutputs(run, outputNode);
		const registered = new Set(
			sandbox
				.registrations()
				.filter((request) => request.outcome === 'success')
				.map((request) => request.body.email),
		);
		return {
			ms: n8n.nodeExecutionTime(run, outputNode),
			inputs: n8n.nodeOutputs(run, INPUT_NODE)[0]?.length ?? 0,
			outputs,
			registered: registered.size,
			requests: sandbox.registrations().length,
			rateLimited: sandbox.stats.rateLimited,
			failedRun: Boolean(run.data.resultData.error),
			peakMb: Math.round(peakKb / 1024),
			maxInFlight: sandbox.stats.maxInFlight,
			answerMs: sandbox.stats.answered > 0 ? sandbox.stats.answerMs / sandbox.stats.answered : 0,
			...cpuWhileSending(cpuSamples, sandbox.registrations()),
		};
	} finally {
		await sandbox.close();
	}
}

const seconds = (ms) => (ms / 1000).toFixed(2);

const answers429 = (count) => (count === 1 ? '1 answer was 429' : `${count} answers were 429`);

/** A line under the table on where a throughput run's time went. */
function throughputNote(label, result) {
	const cpu =
		result.cpuMsPerRequest === undefined
			? ''
			: `; n8n spent ${result.cpuMsPerRequest.toFixed(2)} ms of CPU on each request, its event loop busy ${Math.round(result.busy * 100)}% of the time`;
	return `${label}: up to ${result.maxInFlight} requests were at the sandbox at once, answered in ${result.answerMs.toFixed(1)} ms on average${cpu}.`;
}

/** One line per target: met or not, with the figure; a target whose job did not run says so. */
function verdictLines(figures) {
	const line = (name, value, met, target) =>
		value === undefined
			? `${name}: not measured in this run`
			: `${met ? 'MET' : 'NOT MET'} ${name}: ${value} (target ${target})`;
	const ofCeiling =
		figures.ceilingMs && figures.nodeMs ? figures.ceilingMs / figures.nodeMs : undefined;
	const overHttp =
		figures.httpDefaultMs && figures.nodeMs ? figures.httpDefaultMs / figures.nodeMs : undefined;
	return [
		line(
			'throughput against the ceiling',
			ofCeiling?.toFixed(2),
			ofCeiling >= TARGETS.ofCeiling,
			`>= ${TARGETS.ofCeiling}`,
		),
		line(
			"throughput against the HTTP Request node's default",
			overHttp === undefined ? undefined : `${overHttp.toFixed(2)}x`,
			overHttp >= TARGETS.overHttpRequestDefault,
			`>= ${TARGETS.overHttpRequestDefault}x`,
		),
		...(figures.limiters.length === 0
			? [line('rate limited under every limiter', undefined)]
			: figures.limiters.map((limiter) =>
					line(
						`rate limited, ${limiter.label}`,
						`${limiter.ratio.toFixed(2)}x the minimum, ${limiter.lost} lost`,
						limiter.ratio <= TARGETS.rateLimitedWithin && limiter.lost === 0,
						`<= ${TARGETS.rateLimitedWithin}x, 0 lost`,
					),
				)),
	];
}

/** `npm run bench -- throughput validation` runs only those parts (for tuning); no names: all. */
const ONLY = new Set(process.argv.slice(2).filter((arg) => !arg.startsWith('--')));
const wanted = (part) => ONLY.size === 0 || ONLY.has(part);

async function main() {
	build();
	const runtime = await ensureN8n();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'bizkithub-bench-'));
	const context = { runtime, userFolder };
	const rows = [];
	const notes = [];
	/** What the verdicts are drawn from. */
	const figures = { limiters: [] };
	try {
		installInto(userFolder);
		installCeilingNode(userFolder);
		log(`benchmarking in n8n ${N8N_VERSION} on Node ${NODE_VERSION}; this takes a few minutes`);

		// 1. Throughput: 2,000 items, 20 ms latency, concurrency 20.
		const t = JOBS.throughput;
		const ideal = (t.items / t.concurrency) * t.latencyMs;
		const r = JOBS.rateLimited;
		const minimumMs = ((r.items - r.rateLimit.burst) / r.rateLimit.limit) * r.rateLimit.windowMs;
		if (wanted('throughput')) {
			const throughput = await measure(context, {
				id: 'Throughput01',
				job: t,
				outputNode: BIZKITHUB_NODE,
				node: (sandbox, credentialId) =>
					bizKitHubWorkflow({
						id: 'benchThroughput1',
						inputCode: customersCode(t.items, 'tp'),
						parameters: autoMapParameters({ concurrency: t.concurrency }),
						credentialId,
					}),
			});
			notes.push(throughputNote('BizKitHub node, throughput', throughput));
			rows.push([
				'BizKitHub node: throughput',
				`${t.items} items, ${t.latencyMs} ms latency, concurrency ${t.concurrency}`,
				`${seconds(throughput.ms)} s`,
				`${((ideal / throughput.ms) * 100).toFixed(1)}% of the ideal ${seconds(ideal)} s`,
				`${t.items - throughput.registered} lost`,
			]);
			figures.nodeMs = throughput.ms;

			// The ceiling: n8n's request helper alone, by the simplest node, on the same job.
			const ceiling = await measure(context, {
				id: 'Ceiling00001',
				job: t,
				outputNode: CEILING_NODE,
				node: (sandbox, credentialId) =>
					workflowFeeding(
						'benchCeiling0001',
						customersCode(t.items, 'ceil'),
						ceilingNode(credentialId, t.concurrency),
					),
			});
			notes.push(throughputNote("Ceiling (n8n's request helper alone)", ceiling));
			figures.ceilingMs = ceiling.ms;
			rows.push([
				"Ceiling: n8n's request helper alone (test-only node, no validation, pacing or retries)",
				`${t.items} items, ${t.latencyMs} ms latency, concurrency ${t.concurrency}`,
				`${seconds(ceiling.ms)} s`,
				`${((ideal / ceiling.ms) * 100).toFixed(1)}% of the ideal; the BizKitHub node reaches ${(ceiling.ms / throughput.ms).toFixed(2)} of it`,
				`${t.items - ceiling.registered} lost`,
			]);
		}

		// 2. Rate limited: 300 items, 20 requests a second, burst 5, default options.
		if (wanted('rate-limited') && !QUICK) {
			const limited = await measure(context, {
				id: 'RateLimited1',
				job: r,
				outputNode: BIZKITHUB_NODE,
				node: (sandbox, credentialId) =>
					bizKitHubWorkflow({
						id: 'benchRateLimit01',
						inputCode: customersCode(r.items, 'rl'),
						parameters: autoMapParameters(),
						credentialId,
					}),
			});
			const onErrorPath = limited.outputs.slice(6).reduce((sum, items) => sum + items.length, 0);
			rows.push([
				'BizKitHub node: rate limited, default options',
				`${r.items} items, limit ${r.rateLimit.limit}/s, burst ${r.rateLimit.burst}`,
				`${seconds(limited.ms)} s`,
				`${(limited.ms / minimumMs).toFixed(2)}x the minimum ${seconds(minimumMs)} s; ${answers429(limited.rateLimited)}`,
				`${r.items - limited.registered} lost, ${onErrorPath} on an error path`,
			]);
		}

		// 2b. The same job under each limiter the API may use.
		// The quick run keeps one of each kind, and the HTTP Request node's default throughput alone.
		for (const limiter of QUICK
			? LIMITERS.filter((_, index) => index === 1 || index === 4)
			: LIMITERS) {
			if (!wanted('limiters')) break;
			const { kind, headers, limit, burst } = limiter;
			const job = { items: r.items, latencyMs: 0, rateLimit: { ...limiter, windowMs: 1000 } };
			const id = `Lim${kind}${headers ? 'H' : 'N'}${limit}`;
			const result = await measure(context, {
				id,
				job,
				outputNode: BIZKITHUB_NODE,
				node: (sandbox, credentialId) =>
					bizKitHubWorkflow({
						id: `bench${id}`.padEnd(16, '0').slice(0, 16),
						inputCode: customersCode(r.items, id.toLowerCase()),
						parameters: autoMapParameters(),
						credentialId,
					}),
			});
			const minimum = ((r.items - burst) / limit) * 1000;
			const onErrorPath = result.outputs.slice(6).reduce((sum, items) => sum + items.length, 0);
			figures.limiters.push({
				label: `${kind === 'bucket' ? 'token bucket' : 'fixed window'} ${limit}/s ${headers ? 'with' : 'without'} headers`,
				ratio: result.ms / minimum,
				lost: r.items - result.registered,
			});
			rows.push([
				`BizKitHub node: ${kind === 'bucket' ? 'token bucket' : 'fixed window'}, ${headers ? 'with' : 'without'} X-RateLimit headers`,
				`${r.items} items, ${limit}/s${kind === 'bucket' ? `, burst ${burst}` : ''}, whole seconds`,
				`${seconds(result.ms)} s`,
				`${(result.ms / minimum).toFixed(2)}x the minimum ${seconds(minimum)} s; ${answers429(result.rateLimited)}`,
				`${r.items - result.registered} lost, ${onErrorPath} on an error path`,
			]);
		}

		// 3. n8n's HTTP Request node on the same jobs: default settings, then with batching.
		for (const [label, job, batching, jobId] of [
			['HTTP Request node: throughput, default settings', t, undefined, 'HttpThrough1'],
			[
				`HTTP Request node: throughput, batching ${t.concurrency} every ${t.latencyMs} ms`,
				t,
				{ size: t.concurrency, intervalMs: t.latencyMs },
				'HttpThrough2',
			],
			['HTTP Request node: rate limited, default settings', r, undefined, 'HttpLimited1'],
			[
				'HTTP Request node: rate limited, batching 5 every 250 ms',
				r,
				{ size: 5, intervalMs: 250 },
				'HttpLimited2',
			],
		]) {
			if (!wanted('http') || (QUICK && (batching || job !== t))) continue;
			const result = await measure(context, {
				id: jobId,
				job,
				outputNode: HTTP_NODE,
				node: (sandbox) =>
					workflowFeeding(
						`bench${jobId}`.slice(0, 16),
						customersCode(job.items, jobId.toLowerCase()),
						httpRequestNode(sandbox, batching),
					),
			});
			if (job === t) notes.push(throughputNote(label, result));
			if (job === t && !batching) figures.httpDefaultMs = result.ms;
			const reference =
				job === t
					? `${((ideal / result.ms) * 100).toFixed(1)}% of the ideal`
					: `${(result.ms / minimumMs).toFixed(2)}x the minimum`;
			rows.push([
				label,
				job === t
					? `${t.items} items, ${t.latencyMs} ms latency`
					: `${r.items} items, limit ${r.rateLimit.limit}/s, burst ${r.rateLimit.burst}`,
				`${seconds(result.ms)} s${result.failedRun ? ' (the run failed)' : ''}`,
				`${reference}; ${answers429(result.rateLimited)}`,
				`${job.items - result.registered} lost`,
			]);
		}

		// 4. Validation alone: 50,000 items, Validate Only, Map Automatically.
		const v = JOBS.validation;
		if (wanted('validation')) {
			const validation = await measure(context, {
				id: 'Validation01',
				job: {},
				outputNode: BIZKITHUB_NODE,
				node: (sandbox, credentialId) =>
					bizKitHubWorkflow({
						id: 'benchValidation1',
						inputCode: customersCode(v.items, 'val'),
						parameters: autoMapParameters({ validateOnly: true }),
						credentialId,
					}),
			});
			rows.push([
				'BizKitHub node: Validate Only, Map Automatically',
				`${v.items} items`,
				`${seconds(validation.ms)} s`,
				`${Math.round(v.items / (validation.ms / 1000)).toLocaleString('en-US')} items a second; n8n peaked at ${validation.peakMb} MB`,
				`${v.items - validation.outputs.reduce((sum, items) => sum + items.length, 0)} lost`,
			]);
		}
	} finally {
		fs.rmSync(userFolder, { recursive: true, force: true });
	}

	const cpu = os.cpus();
	const header = [
		'job',
		'setup',
		'time (the node, as n8n measured it)',
		'against the bound',
		'items',
	];
	const table = [header, header.map(() => '---'), ...rows]
		.map((row) => `| ${row.join(' | ')} |`)
		.join('\n');
	const packageVersion = require(path.join(ROOT, 'package.json')).version;
	const report = `# Benchmark results

Made by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: n8n ${N8N_VERSION} on Node ${NODE_VERSION}, n8n-nodes-bizkithub ${packageVersion}, ${cpu.length} cores (${cpu[0]?.model ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GB.
Each job ran once in the same n8n, against the local sandbox on 127.0.0.1. Times are the node's own
execution time as n8n reports it. "Lost" counts the items that were not registered (or, for
Validate Only, did not come out of the node).

${table}

- Throughput ideal: items / concurrency x latency. Rate-limited minimum: (items - burst) / rate.
${notes.map((note) => `- ${note}`).join('\n')}

Verdicts:

${verdictLines(figures)
	.map((line) => `- ${line}`)
	.join('\n')}
- The sandbox answers as the API documents: Retry-After in whole seconds (at least 1),
  X-RateLimit-Reset a Unix time in whole seconds. The fixed window's minimum is (items - limit) /
  limit windows; a run can beat it by starting late in a window.
`;
	const verdicts = verdictLines(figures);
	console.log(`\n${report}`);
	console.log(verdicts.join('\n'));
	if (ONLY.size === 0 && !QUICK) {
		fs.writeFileSync(RESULTS, report);
		log(`written to ${path.relative(ROOT, RESULTS)}`);
	}
}

main().catch((error) => {
	console.error(`bench failed: ${error.message}`);
	process.exit(1);
});
