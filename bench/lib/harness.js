// @ts-check
'use strict';

// Runs benchmark jobs in a real n8n: each job gets its own sandbox and credential; all are imported
// at once; then either each job runs in an n8n process of its own (its memory and CPU are its own),
// or all run one after another in one workflow and one process (quick, for development).

const fs = require('node:fs');
const path = require('node:path');

const { startSandbox } = require('../../sandbox/server');
const n8n = require('../../scripts/lib/n8n');
const { log } = require('../../scripts/lib/runtime');
const { sandboxCredential } = require('../../scripts/lib/sandboxCredential');
const { cpuWhileSending, watchProcess } = require('./processWatch');

/**
 * @typedef {object} Job
 * @property {string} id short, letters and digits; names the job's workflow, credential and nodes
 * @property {{ latencyMs?: number, rateLimit?: object | null }} sandbox how the job's sandbox answers
 * @property {string} inputCode the Code node's JavaScript that makes the items
 * @property {(sandbox: any, credentialId: string) => object} node the node under test (no name)
 * @property {string} [credentialType] the type of the job's credential, `bizKitHubApi` if not given
 * @property {boolean} [heap] whether to read n8n's heap after a full garbage collection once the
 *   node under test has run (a Bench Heap node on a later branch, n8n started with --expose-gc)
 * @property {number} [timeoutMs] n8n is stopped after this long (30 minutes if not given)
 * @property {string} [nodeOptions] more options for the Node.js that runs n8n, e.g.
 *   `--max-old-space-size=2048`; a job with them may end n8n (out of memory) without failing the bench
 *
 * @typedef {object} JobResult
 * @property {number} ms the node's execution time as n8n measured it
 * @property {any[][]} outputs the node's items per output
 * @property {number} registered addresses the sandbox registered
 * @property {number} requests register-account requests that reached the sandbox
 * @property {number} rateLimited answers that were 429
 * @property {boolean} failedRun whether the workflow ended in an error
 * @property {string} [crashed] for a job with nodeOptions: how n8n ended when it printed no run
 * @property {number} peakMb n8n's peak resident memory (of the whole process)
 * @property {number} maxInFlight most requests at the sandbox at once
 * @property {number} answerMs the sandbox's average time to answer
 * @property {number} [cpuMsPerRequest] n8n's CPU time per request while requests flowed
 * @property {number} [busy] share of that time n8n's one thread was busy
 * @property {string} [profile] path of a CPU profile of the process, when one was asked for
 * @property {HeapReading} [heap] n8n's heap after a full garbage collection once the node had run
 *
 * @typedef {object} HeapReading
 * @property {boolean} collected whether the garbage was collected (gc was exposed)
 * @property {number} heapUsedMb heap in use after the collection, in megabytes
 * @property {number} heapSizeLimitMb the heap's limit (--max-old-space-size and the young space)
 * @property {number} rssMb resident memory at that moment
 * @property {string} [snapshot] path of the heap snapshot written then, when one was asked for
 */

const START = 'Start';
const inputName = (/** @type {Job} */ job) => `Input ${job.id}`;
const nodeName = (/** @type {Job} */ job) => `Node ${job.id}`;
const heapName = (/** @type {Job} */ job) => `Heap ${job.id}`;
const HEAP_NODE = 'n8n-nodes-bizkithub-bench-ceiling.benchHeap';
/**
 * A stored workflow's or credential's id for a job: 16 letters and digits, padded with x so that
 * ids that differ in length (Gv1000, Gv10000) stay apart. Job ids must be 11 characters at most.
 */
function idOf(/** @type {string} */ jobId) {
	if (jobId.length > 11) throw new Error(`job id ${jobId} is longer than 11 characters`);
	return `bench${jobId}`.padEnd(16, 'x');
}
const credentialIdOf = (/** @type {Job} */ job) => idOf(job.id);

/**
 * One workflow: a manual trigger feeding each job's Code node and node under test, in order; after
 * each job that reads the heap, its Bench Heap node (a branch of its own, run once the job's is over).
 */
function workflowOf(
	/** @type {string} */ id,
	/** @type {Array<[Job, object]>} */ jobsAndNodes,
	/** @type {string} */ snapshotDir = '',
) {
	const nodes = [
		{
			id: `${id}-t`,
			name: START,
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	/** @type {Record<string, { main: object[][] }>} */
	const connections = { [START]: { main: [[]] } };
	jobsAndNodes.forEach(([job, node], row) => {
		nodes.push(
			{
				id: `${id}-c${row}`,
				name: inputName(job),
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				// v1 execution order runs the branches top to bottom: the jobs run in the given order
				position: [200, row * 200],
				parameters: { jsCode: job.inputCode },
			},
			{ id: `${id}-n${row}`, name: nodeName(job), position: [400, row * 200], ...node },
		);
		connections[START].main[0].push({ node: inputName(job), type: 'main', index: 0 });
		connections[inputName(job)] = { main: [[{ node: nodeName(job), type: 'main', index: 0 }]] };
		if (job.heap) {
			// Below the job's branch and above the next job's: v1 runs it between the two.
			nodes.push({
				id: `${id}-h${row}`,
				name: heapName(job),
				type: HEAP_NODE,
				typeVersion: 1,
				position: [200, row * 200 + 100],
				parameters: { snapshotDir },
			});
			connections[START].main[0].push({ node: heapName(job), type: 'main', index: 0 });
		}
	});
	return {
		id: idOf(id),
		name: `bench ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections,
	};
}

const mb = (/** @type {number} */ bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** What the job's Bench Heap node read, if it ran. @returns {HeapReading | undefined} */
function heapOf(/** @type {Job} */ job, /** @type {any} */ run) {
	const reading = n8n.nodeOutputs(run, heapName(job))[0]?.[0]?.json;
	if (!reading) return undefined;
	return {
		collected: reading.collected,
		heapUsedMb: mb(reading.heapUsed),
		heapSizeLimitMb: mb(reading.heapSizeLimit),
		rssMb: mb(reading.rss),
		...(reading.snapshot ? { snapshot: reading.snapshot } : {}),
	};
}

/** What one job's node did in a printed run, and what its sandbox saw. */
function resultOf(/** @type {Job} */ job, /** @type {any} */ run, /** @type {any} */ sandbox) {
	const registrations = sandbox.registrations();
	const registered = new Set(sandbox.registeredAddresses());
	if (!run) {
		// n8n ended without printing a run (a job with nodeOptions: out of memory, say).
		return {
			ms: NaN,
			outputs: [],
			registered: registered.size,
			requests: registrations.length,
			rateLimited: sandbox.stats.rateLimited,
			failedRun: true,
			maxInFlight: sandbox.stats.maxInFlight,
			answerMs: 0,
		};
	}
	return {
		ms: n8n.nodeExecutionTime(run, nodeName(job)),
		outputs: n8n.nodeOutputs(run, nodeName(job)),
		registered: registered.size,
		requests: registrations.length,
		rateLimited: sandbox.stats.rateLimited,
		failedRun: Boolean(run.data.resultData.error),
		maxInFlight: sandbox.stats.maxInFlight,
		answerMs: sandbox.stats.answered > 0 ? sandbox.stats.answerMs / sandbox.stats.answered : 0,
		heap: heapOf(job, run),
	};
}

/**
 * The Node.js options of the n8n process that runs `jobs`: --expose-gc when one reads the heap,
 * the jobs' own options, and a CPU profile written to `profileDir` when given.
 */
/** @returns {Record<string, string>} */
function nodeOptionsOf(/** @type {Job[]} */ jobs, /** @type {string | undefined} */ profileDir) {
	const options = [
		...(jobs.some((job) => job.heap) ? ['--expose-gc'] : []),
		...new Set(jobs.flatMap((job) => (job.nodeOptions ? [job.nodeOptions] : []))),
		...(profileDir ? [`--cpu-prof --cpu-prof-dir=${profileDir}`] : []),
	];
	return options.length > 0 ? { NODE_OPTIONS: options.join(' ') } : {};
}

/**
 * Executes one stored workflow, watching the n8n process; with `profileDir`, Node writes a CPU
 * profile of it there. With `mayEnd`, n8n ending without a printed run is a result (how it ended),
 * not a failure of the bench.
 */
async function execute(
	/** @type {{ runtime: any, userFolder: string }} */ context,
	/** @type {string} */ workflowId,
	/** @type {string | undefined} */ profileDir,
	/** @type {Record<string, string>} */ env,
	mayEnd = false,
	timeoutMs = 30 * 60 * 1000,
) {
	const watch = watchProcess();
	const { run, printed } = await n8n.executeWorkflow(
		context.runtime,
		context.userFolder,
		workflowId,
		{
			timeoutMs,
			onSpawn: watch.start,
			env,
		},
	);
	watch.stop();
	if (!run && !mayEnd)
		throw new Error(`${workflowId}: n8n printed no result:\n${printed.slice(-2000)}`);
	const crashed = run ? undefined : endOf(printed);
	const profile = profileDir
		? fs
				.readdirSync(profileDir)
				.filter((file) => file.endsWith('.cpuprofile'))
				.map((file) => path.join(profileDir, file))[0]
		: undefined;
	return { run, watch, profile, crashed };
}

/** How n8n ended without printing a run: its out-of-memory line if it has one, else its last line. */
function endOf(/** @type {string} */ printed) {
	const lines = printed.split('\n').filter((line) => line.trim() !== '');
	const fatal = lines.find((line) => /heap out of memory|FATAL ERROR/i.test(line));
	return (fatal ?? lines[lines.length - 1] ?? 'n8n printed nothing').trim().slice(0, 300);
}

/**
 * Runs `jobs` and returns their results in the same order.
 * @param {{ runtime: any, userFolder: string }} context
 * @param {Job[]} jobs
 * @param {{ together?: boolean, profileDir?: string, snapshotDir?: string }} [how] `together`: one
 *   workflow, one process; `profileDir`: a CPU profile of each job's process (each job alone);
 *   `snapshotDir`: a heap snapshot of n8n when each job that reads the heap has run
 * @returns {Promise<JobResult[]>}
 */
async function runJobs(context, jobs, how = {}) {
	/** @type {any[]} */
	const sandboxes = [];
	try {
		for (const job of jobs) sandboxes.push(await startSandbox(job.sandbox));
		const jobsAndNodes = jobs.map(
			(job, index) =>
				/** @type {[Job, object]} */ ([job, job.node(sandboxes[index], credentialIdOf(job))]),
		);
		const workflows = how.together
			? [
					workflowOf(
						jobs
							.map((job) => job.id)
							.join('')
							.slice(0, 11),
						jobsAndNodes,
						how.snapshotDir,
					),
				]
			: jobsAndNodes.map((jobAndNode) =>
					workflowOf(jobAndNode[0].id, [jobAndNode], how.snapshotDir),
				);
		await n8n.importCredentials(
			context.runtime,
			context.userFolder,
			jobs.map((job, index) => ({
				...sandboxCredential(sandboxes[index].url, sandboxes[index].keys.dev, credentialIdOf(job)),
				...(job.credentialType ? { type: job.credentialType } : {}),
			})),
		);
		await n8n.importWorkflows(context.runtime, context.userFolder, workflows);
		/** @type {JobResult[]} */
		const results = [];
		for (const [index, workflow] of workflows.entries()) {
			log(
				how.together
					? `running all ${jobs.length} jobs in one n8n process`
					: `running ${jobs[index].id} (${index + 1} of ${jobs.length})`,
			);
			const profileDir =
				how.profileDir && !how.together
					? fs.mkdtempSync(path.join(how.profileDir, `${jobs[index].id}-`))
					: undefined;
			const ranHere = how.together ? jobs : [jobs[index]];
			const { run, watch, profile, crashed } = await execute(
				context,
				workflow.id,
				profileDir,
				nodeOptionsOf(ranHere, profileDir),
				ranHere.every((job) => job.nodeOptions),
				Math.max(...ranHere.map((job) => job.timeoutMs ?? 30 * 60 * 1000)),
			);
			if (crashed) log(`n8n ended without a result: ${crashed}`);
			for (const job of ranHere) {
				const sandbox = sandboxes[jobs.indexOf(job)];
				results.push({
					...resultOf(job, run, sandbox),
					peakMb: watch.peakMb(),
					...cpuWhileSending(watch.cpuSamples, sandbox.registrations()),
					profile,
					...(crashed ? { crashed } : {}),
				});
			}
		}
		return results;
	} finally {
		await Promise.all(sandboxes.map((sandbox) => sandbox.close()));
	}
}

module.exports = { runJobs, nodeName };
