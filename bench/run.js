// @ts-check
'use strict';

// `npm run bench`: how fast the node registers customers in a real n8n 2.41.1 against the sandbox,
// next to n8n's own HTTP Request node and a test-only node that is nothing but n8n's request helper
// (the ceiling), how it does under each rate limiter the API may use, where its CPU time goes, and
// how time and memory grow with the number of items, and how two queue-mode workers share one
// rate limit. Prints a table and a verdict per target and writes bench/results.md and
// bench/growth.svg. A benchmark, not a test: it asserts nothing.
//
// `npm run bench -- --quick`: smaller jobs in one n8n process, for a look during development;
// writes nothing. `npm run bench -- throughput limiters http profile growth queue`: only those parts.
// Growth jobs read n8n's heap after a full garbage collection once the node has run and run in an
// n8n limited to GROWTH_OLD_SPACE_MB of old space; `--heap-snapshots=<folder>` also writes a heap
// snapshot of n8n there at that moment, one per growth job, and `--growth-sizes=1000,10000` picks
// the sizes (both for a look during development: the results are then not written).
// `npm run bench -- soak`: the soak, run only when named (about 25 minutes; `--quick` 2): one
// n8n server fed 20,000 webhook calls, its heap and CPU sampled; writes its own section of
// bench/results.md and bench/soak.svg.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { build } = require('../scripts/lib/build');
const { buildSimulator, requireSimulator } = require('../scripts/sim');
const { installInto } = require('../scripts/lib/installPackage');
const { N8N_VERSION, NODE_VERSION, ROOT, ensureN8n, log } = require('../scripts/lib/runtime');
const { growthChart } = require('./lib/chart');
const { runJobs } = require('./lib/harness');
const {
	CEILING_PACKAGE,
	LIMITERS,
	bizKitHubNode,
	ceilingNode,
	httpRequestNode,
	job,
	limitedJob,
} = require('./lib/jobs');
const { runQueueLoads } = require('./lib/queueLoads');
const { runSoak } = require('./lib/soak');
const soakReport = require('./lib/soakReport');
const { summarizeProfile } = require('./lib/profile');
const report = require('./lib/report');

const RESULTS = path.join(__dirname, 'results.md');
const CHART = path.join(__dirname, 'growth.svg');
const SOAK_CHART = path.join(__dirname, 'soak.svg');

const QUICK = process.argv.includes('--quick');
/** The value of `--name=value` on the command line, if given. */
const flag = (/** @type {string} */ name) =>
	process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const SNAPSHOTS = flag('heap-snapshots');
const GROWTH_SIZES = flag('growth-sizes')?.split(',').map(Number);
const ONLY = new Set(process.argv.slice(2).filter((arg) => !arg.startsWith('--')));
const PARTS = [
	'throughput',
	'limiters',
	'simulation',
	'http',
	'profile',
	'growth',
	'queue',
	'soak',
];
/** Parts run only when named. */
const NAMED_ONLY = ['soak'];
/** Parts --quick leaves out: each needs minutes of its own. */
const SLOW_PARTS = ['profile', 'simulation', 'queue'];
const wanted = (/** @type {string} */ part) =>
	ONLY.has(part) ||
	(ONLY.size === 0 && !NAMED_ONLY.includes(part) && !(QUICK && SLOW_PARTS.includes(part)));

const SIZES = {
	throughput: { items: QUICK ? 400 : 2000, latencyMs: 20, concurrency: 20 },
	// (320: the least time under the limits of 20 a second is 15 s or more, see report.js's TARGETS.)
	limited: QUICK ? 60 : 320,
	growth: GROWTH_SIZES ?? (QUICK ? [1000, 5000] : [1000, 10000, 100000]),
};
/**
 * The old space n8n gets in the growth jobs (`--max-old-space-size`): 100,000 sends must fit in an
 * n8n started with 2048 MB.
 */
const GROWTH_OLD_SPACE_MB = 2048;
/**
 * The two largest sizes of sends and Validate Only run again in half that: with room to spare V8
 * lets the heap grow before it collects (more the longer a run allocates, and sends run longest),
 * so the peak in 2048 MB is partly what V8 took because it could; in 1024 MB it is nearer what the
 * job needs.
 */
const TIGHT_OLD_SPACE_MB = 1024;

/** Installs the bench's test-only package (bench/ceiling-node) next to the package under test. */
function installCeilingPackage(/** @type {string} */ userFolder) {
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

/** The jobs of each wanted part, each with what its row says about it. */
function plan() {
	const t = SIZES.throughput;
	const tp = { items: t.items, latencyMs: t.latencyMs };
	/** @type {Array<{ part: string, kind: string, job: any, label: string }>} */
	const entries = [];
	const add = (
		/** @type {string} */ part,
		/** @type {string} */ kind,
		/** @type {string} */ label,
		/** @type {any} */ each,
	) => entries.push({ part, kind, label, job: each });
	if (wanted('throughput')) {
		add(
			'throughput',
			'node',
			'BizKitHub node: throughput',
			job('Tnode', tp, bizKitHubNode({ concurrency: t.concurrency })),
		);
		add(
			'throughput',
			'ceilingPaced',
			"Ceiling: n8n's request helper alone, starts spread (test-only node)",
			job('Tceilp', tp, ceilingNode(t.concurrency, true)),
		);
		if (!QUICK)
			add(
				'throughput',
				'ceiling',
				"Ceiling as first defined: n8n's request helper alone, starts not spread",
				job('Tceil', tp, ceilingNode(t.concurrency, false)),
			);
	}
	if (wanted('http')) {
		add(
			'http',
			'httpDefault',
			'HTTP Request node: throughput, default settings',
			job('Thttp', tp, httpRequestNode(undefined)),
		);
		if (!QUICK)
			add(
				'http',
				'httpBatched',
				`HTTP Request node: throughput, batching ${t.concurrency} every ${t.latencyMs} ms`,
				job('Thttpb', tp, httpRequestNode({ size: t.concurrency, intervalMs: t.latencyMs })),
			);
	}
	if (wanted('limiters')) {
		const limiters = QUICK
			? LIMITERS.filter((limiter) => !limiter.headers && limiter.limit === 20)
			: LIMITERS;
		for (const limiter of limiters)
			add('limiters', 'limited', report.limiterLabel(limiter), limitedJob(limiter, SIZES.limited));
		if (!QUICK) {
			const limiter = LIMITERS[0];
			add(
				'limiters',
				'httpLimited',
				'HTTP Request node: rate limited, default settings',
				job(
					'Lhttp',
					{ items: SIZES.limited, rateLimit: { ...limiter, windowMs: 1000 } },
					httpRequestNode(undefined),
				),
			);
			add(
				'limiters',
				'httpLimited',
				'HTTP Request node: rate limited, batching 5 every 250 ms',
				job(
					'Lhttpb',
					{ items: SIZES.limited, rateLimit: { ...limiter, windowMs: 1000 } },
					httpRequestNode({ size: 5, intervalMs: 250 }),
				),
			);
		}
	}
	if (wanted('growth')) {
		// Each reads the heap once the node has run, in an n8n with GROWTH_OLD_SPACE_MB of old space.
		const growthJob = (
			/** @type {ReturnType<typeof job>} */ each,
			oldSpaceMb = GROWTH_OLD_SPACE_MB,
		) => ({
			...each,
			heap: true,
			nodeOptions: `--max-old-space-size=${oldSpaceMb}`,
			// (A job that cannot finish in that memory may crawl before it ends: it is stopped.)
			timeoutMs: 8 * 60 * 1000,
		});
		for (const items of SIZES.growth) {
			add(
				'growth',
				'validate',
				`BizKitHub node: Validate Only, ${items} items`,
				growthJob(job(`Gv${items}`, { items }, bizKitHubNode({ validateOnly: true }))),
			);
			add(
				'growth',
				'send',
				`BizKitHub node: sends, ${items} items`,
				growthJob(job(`Gs${items}`, { items, latencyMs: 1 }, bizKitHubNode())),
			);
			add(
				'growth',
				'httpGrowth',
				`HTTP Request node: sends, ${items} items`,
				growthJob(job(`Gh${items}`, { items, latencyMs: 1 }, httpRequestNode(undefined))),
			);
		}
		for (const items of SIZES.growth.slice(-2)) {
			add(
				'growth',
				'validateTight',
				`BizKitHub node: Validate Only, ${items} items, ${TIGHT_OLD_SPACE_MB} MB old space`,
				growthJob(
					job(`Tv${items}`, { items }, bizKitHubNode({ validateOnly: true })),
					TIGHT_OLD_SPACE_MB,
				),
			);
			add(
				'growth',
				'sendTight',
				`BizKitHub node: sends, ${items} items, ${TIGHT_OLD_SPACE_MB} MB old space`,
				growthJob(job(`Ts${items}`, { items, latencyMs: 1 }, bizKitHubNode()), TIGHT_OLD_SPACE_MB),
			);
		}
	}
	return entries;
}

/** CPU profiles of the node, the paced ceiling, and the ceiling with the key applied by an expression. */
async function profiles(/** @type {any} */ context) {
	const t = SIZES.throughput;
	const tp = { items: t.items, latencyMs: t.latencyMs };
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bizkithub-profile-'));
	const subjects = [
		{
			name: 'BizKitHub node',
			job: job('Pnode', tp, bizKitHubNode({ concurrency: t.concurrency })),
			script: /n8n-nodes-bizkithub\/dist\/nodes\//,
		},
		{
			name: 'Ceiling, key applied by our function',
			job: job('Pceilf', tp, ceilingNode(t.concurrency, true)),
			script: /bench-ceiling\/nodes\//,
		},
		{
			name: 'Ceiling, key applied by an expression',
			job: job(
				'Pceile',
				tp,
				ceilingNode(t.concurrency, true, 'benchExpressionAuth'),
				'benchExpressionAuth',
			),
			script: /bench-ceiling\/nodes\//,
		},
	];
	try {
		const results = await runJobs(
			context,
			subjects.map((subject) => subject.job),
			{ profileDir: folder },
		);
		return subjects.map((subject, index) => ({
			name: subject.name,
			result: results[index],
			summary: summarizeProfile(
				/** @type {string} */ (results[index].profile),
				subject.script,
				results[index].requests,
			),
		}));
	} finally {
		fs.rmSync(folder, { recursive: true, force: true });
	}
}

/**
 * The simulator's targets (sim/targets.ts): BizKitHub's plans at their documented sizes and limiters
 * counting per second, under every header style, on a virtual clock: where runs in n8n cannot go.
 */
async function simulations() {
	buildSimulator();
	const { targets, measure, ratioText } = requireSimulator('sim/targets');
	const rows = [];
	for (const target of targets()) {
		const result = await measure(target);
		rows.push({ ...result, text: ratioText(result) });
	}
	return rows;
}

/** The soak: its verdicts printed; unless --quick, its section of results.md and its chart written. */
async function soak() {
	const result = await runSoak({ quick: QUICK });
	const section = soakReport.soakMarkdown(result, {
		date: new Date().toISOString().slice(0, 10),
		n8n: N8N_VERSION,
		node: NODE_VERSION,
		cpus: `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 1e9)} GB`,
		chart: path.basename(SOAK_CHART),
	});
	console.log(`\n${section}\n`);
	if (QUICK) return;
	const document = fs.existsSync(RESULTS)
		? fs.readFileSync(RESULTS, 'utf8')
		: '# Benchmark results\n';
	fs.writeFileSync(RESULTS, soakReport.withSoakSection(document, section));
	fs.writeFileSync(SOAK_CHART, soakReport.soakChart(result));
	log(`soak written to ${path.relative(ROOT, RESULTS)} and ${path.relative(ROOT, SOAK_CHART)}`);
}

async function main() {
	const unknown = [...ONLY].filter((part) => !PARTS.includes(part));
	if (unknown.length > 0)
		throw new Error(`unknown part ${unknown.join(', ')}; parts: ${PARTS.join(', ')}`);
	const started = Date.now();
	build();
	if (ONLY.size > 0 && [...ONLY].every((part) => NAMED_ONLY.includes(part))) {
		await soak();
		log(`the bench took ${Math.round((Date.now() - started) / 1000)} s`);
		return;
	}
	const runtime = await ensureN8n();
	// (What the results say the run took: without installing n8n, which only a first run does.)
	const benchStarted = Date.now();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'bizkithub-bench-'));
	const context = { runtime, userFolder };
	try {
		installInto(userFolder);
		installCeilingPackage(userFolder);
		const entries = plan();
		log(
			`benchmarking in n8n ${N8N_VERSION} on Node ${NODE_VERSION}: ${entries.length} jobs${QUICK ? ' in one process' : `, ${wanted('profile') ? '3 profiles, ' : ''}about 17 minutes on 2 cores`}`,
		);
		const results =
			entries.length === 0
				? []
				: await runJobs(
						context,
						entries.map((entry) => entry.job),
						{ together: QUICK, snapshotDir: SNAPSHOTS },
					);
		const measured = entries.map((entry, index) => ({ ...entry, result: results[index] }));
		const profiled = wanted('profile') ? await profiles(context) : [];
		const simulated = wanted('simulation') ? await simulations() : [];
		const queued = wanted('queue') ? await runQueueLoads() : [];
		if (wanted('soak')) await soak();
		const text = report.markdown({
			measured,
			profiled,
			simulated,
			queued,
			throughput: SIZES.throughput,
			quick: QUICK,
			oldSpaceMb: GROWTH_OLD_SPACE_MB,
			machine: {
				n8n: N8N_VERSION,
				node: NODE_VERSION,
				version: require(path.join(ROOT, 'package.json')).version,
				minutes: Math.round((Date.now() - benchStarted) / 60000),
			},
		});
		console.log(`\n${text}`);
		console.log(report.verdicts(measured, queued).join('\n'));
		if (ONLY.size === 0 && !QUICK && !SNAPSHOTS && !GROWTH_SIZES) {
			// The soak's section, made by its own run, stays.
			const soakSection = fs.existsSync(RESULTS)
				? soakReport.soakSectionOf(fs.readFileSync(RESULTS, 'utf8'))
				: undefined;
			fs.writeFileSync(RESULTS, soakSection ? soakReport.withSoakSection(text, soakSection) : text);
			fs.writeFileSync(CHART, growthChart(report.growthPanels(measured)));
			log(`written to ${path.relative(ROOT, RESULTS)} and ${path.relative(ROOT, CHART)}`);
		}
		log(`the bench took ${Math.round((Date.now() - started) / 1000)} s`);
	} finally {
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(`bench failed: ${error.message}`);
	process.exit(1);
});
