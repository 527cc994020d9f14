// @ts-check
'use strict';

// Runs the n8n CLI (from .cache, on Node 24) against one user folder: import credentials and
// workflows, execute a workflow headless and read its JSON result, or start the editor.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { track } = require('./lifecycle');
const { freePort } = require('./ports');
const { cleanEnvironment } = require('./runtime');

/**
 * The environment every n8n started by this project gets: local, offline, and without notices
 * that do not concern the package (n8n's deprecation notices are answered by setting today's
 * values explicitly; nothing asks api.n8n.io for templates, banners, MCP servers or the list of
 * verified community nodes, which only fails on an offline machine). `version`: the n8n release,
 * when it is not 2.41 (n8n 1.x refuses to start when told to disable a module it does not have).
 * @param {string} userFolder
 * @param {Record<string, string>} [extra]
 * @param {string} [version]
 */
function n8nEnvironment(userFolder, extra = {}, version = undefined) {
	// npm's and jest's variables are not n8n's business (see cleanEnvironment).
	const env = cleanEnvironment();
	return {
		...env,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'bizkithub-local-development-only',
		N8N_LOG_LEVEL: 'info',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		...(version?.startsWith('1.') ? {} : { N8N_DISABLED_MODULES: 'mcp-registry' }),
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_RUNNERS_TASK_TIMEOUT: '300',
		N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(2 * 1024 ** 3),
		N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '5000',
		N8N_SECURE_COOKIE: 'false',
		DB_SQLITE_POOL_SIZE: '2',
		...extra,
	};
}

/**
 * Runs `n8n <args>` to the end. Resolves with its exit code and output; never rejects on exit
 * codes. `onSpawn` gets the child process (to watch its memory, say). Its standard output goes
 * through a file: n8n exits right after printing a run, and a pipe would lose the end of a large one.
 */
/**
 * @typedef {object} RunOptions
 * @property {Record<string, string>} [env] more environment for n8n
 * @property {number} [timeoutMs] n8n is killed after this long
 * @property {(child: import('node:child_process').ChildProcess) => void} [onSpawn] told the process
 */

/**
 * @param {{ node: string, n8n: string, version?: string, env?: Record<string, string> }} runtime
 * @param {string[]} args
 * @param {RunOptions & { userFolder: string }} options
 */
async function runN8n(runtime, args, { userFolder, env = {}, timeoutMs = 180000, onSpawn }) {
	// Every n8n process opens a task broker; a port of its own lets several run side by side.
	const brokerPort = String(await freePort());
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bizkithub-n8n-out-'));
	const outFile = path.join(folder, 'stdout.txt');
	const out = fs.openSync(outFile, 'w');
	return new Promise((resolve, reject) => {
		const child = track(
			spawn(runtime.node, [runtime.n8n, ...args], {
				env: n8nEnvironment(
					userFolder,
					{ N8N_RUNNERS_BROKER_PORT: brokerPort, ...runtime.env, ...env },
					runtime.version,
				),
				stdio: ['ignore', out, 'pipe'],
			}),
		);
		onSpawn?.(child);
		let stderr = '';
		child.stderr?.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		const finish = () => {
			clearTimeout(timer);
			fs.closeSync(out);
			const stdout = fs.readFileSync(outFile, 'utf8');
			fs.rmSync(folder, { recursive: true, force: true });
			return stdout;
		};
		child.on('error', (error) => {
			finish();
			reject(error);
		});
		child.on('close', (code) => resolve({ code, stdout: finish(), stderr }));
	});
}

async function runOrThrow(runtime, args, options) {
	const result = await runN8n(runtime, args, options);
	if (result.code !== 0) {
		throw new Error(
			`n8n ${args[0]} failed with exit ${result.code}:\n${(result.stdout + result.stderr).slice(-3000)}`,
		);
	}
	return result;
}

async function importJson(runtime, userFolder, command, data, env = {}) {
	const file = path.join(
		fs.mkdtempSync(path.join(os.tmpdir(), 'bizkithub-import-')),
		'import.json',
	);
	fs.writeFileSync(file, JSON.stringify(data));
	try {
		await runOrThrow(runtime, [command, `--input=${file}`], { userFolder, env });
	} finally {
		fs.rmSync(path.dirname(file), { recursive: true, force: true });
	}
}

/**
 * Stores credentials (decrypted `data`; n8n encrypts them) in n8n's database: the user folder's,
 * or the one `env` names (DB_TYPE and the like).
 */
function importCredentials(runtime, userFolder, credentials, env = {}) {
	return importJson(runtime, userFolder, 'import:credentials', credentials, env);
}

function importWorkflows(runtime, userFolder, workflows, env = {}) {
	return importJson(runtime, userFolder, 'import:workflow', workflows, env);
}

/**
 * Publishes a stored workflow, so that its triggers (a webhook, say) are live when n8n starts.
 * (n8n 1.x has no publishing: it activates the workflow.)
 * @param {{ node: string, n8n: string, version?: string, env?: Record<string, string> }} runtime
 * @param {string} userFolder
 * @param {string} id
 * @param {Record<string, string>} [env]
 */
function publishWorkflow(runtime, userFolder, id, env = {}) {
	const args = runtime.version?.startsWith('1.')
		? ['update:workflow', `--id=${id}`, '--active=true']
		: ['publish:workflow', `--id=${id}`];
	return runOrThrow(runtime, args, { userFolder, env });
}

/**
 * The JSON document n8n prints between its log lines: from the first line that is `{` to the
 * last line that is `}` (after a failed run n8n prints the error below it).
 */
function printedJson(stdout) {
	const start = stdout.search(/^\{$/m);
	const end = stdout.lastIndexOf('\n}');
	if (start < 0 || end < start) return undefined;
	try {
		return JSON.parse(stdout.slice(start, end + 2));
	} catch {
		return undefined;
	}
}

/**
 * Executes a stored workflow headless (`n8n execute --id --rawOutput`). Resolves with the parsed
 * run (or undefined when n8n printed none), the exit code and everything n8n printed.
 */
/**
 * @param {{ node: string, n8n: string, version?: string, env?: Record<string, string> }} runtime
 * @param {string} userFolder
 * @param {string} id
 * @param {RunOptions} [options]
 */
async function executeWorkflow(runtime, userFolder, id, { env = {}, timeoutMs, onSpawn } = {}) {
	const result = await runN8n(runtime, ['execute', `--id=${id}`, '--rawOutput'], {
		userFolder,
		env,
		timeoutMs,
		onSpawn,
	});
	return {
		run: printedJson(result.stdout),
		code: result.code,
		printed: result.stdout + result.stderr,
	};
}

/** How long one node ran in a printed run, in milliseconds, as n8n measured it. */
function nodeExecutionTime(run, nodeName) {
	return run?.data?.resultData?.runData?.[nodeName]?.[0]?.executionTime;
}

/** The outputs of one node in a printed run: one array of items per output. */
function nodeOutputs(run, nodeName) {
	const task = run?.data?.resultData?.runData?.[nodeName]?.[0];
	return (task?.data?.main ?? []).map((items) => items ?? []);
}

/**
 * One long-running n8n process (`start` or `worker`), its output kept.
 * @param {{ node: string, n8n: string, version?: string, env?: Record<string, string> }} runtime
 * @param {string} command
 * @param {string} userFolder
 * @param {Record<string, string>} env
 */
async function startProcess(runtime, command, userFolder, env) {
	const child = track(
		spawn(runtime.node, [runtime.n8n, command], {
			env: n8nEnvironment(
				userFolder,
				{ N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...runtime.env, ...env },
				runtime.version,
			),
			stdio: ['ignore', 'pipe', 'pipe'],
		}),
	);
	let output = '';
	child.stdout?.on('data', (chunk) => (output += chunk));
	child.stderr?.on('data', (chunk) => (output += chunk));
	return { child, output: () => output };
}

/** @param {import('node:child_process').ChildProcess} child */
function stopProcess(child) {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve(undefined);
		});
		child.kill('SIGTERM');
	});
}

/**
 * @typedef {{ collected: boolean, heapUsed: number, rss: number, cpuMicros: number, longTimers: number,
 *   longTimerSites: Array<{ ms: number, frames: string[] }> }} ProbeReading
 */

/**
 * `n8n start` on free ports of 127.0.0.1, with the process probe loaded into it
 * (scripts/lib/processProbe.js: heap after a full GC, CPU time, pending long timers). Returns at
 * once; the caller waits for what it needs to be ready.
 * @param {{ node: string, n8n: string, version?: string, env?: Record<string, string> }} runtime
 * @param {string} userFolder
 * @param {Record<string, string>} [env]
 */
async function startProbedServer(runtime, userFolder, env = {}) {
	const port = await freePort();
	const probePort = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const started = await startProcess(runtime, 'start', userFolder, {
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		WEBHOOK_URL: `${url}/`,
		NODE_OPTIONS: `--expose-gc --require ${path.join(__dirname, 'processProbe.js')}`,
		BIZKITHUB_PROBE_PORT: String(probePort),
		...env,
	});
	return {
		...started,
		url,
		probe: async () =>
			/** @type {ProbeReading} */ (await (await fetch(`http://127.0.0.1:${probePort}/`)).json()),
	};
}

/** Whether the n8n at `url` answers its readiness check. @param {string} url */
async function answersReadiness(url) {
	return await fetch(`${url}/healthz/readiness`)
		.then((response) => response.status === 200)
		.catch(() => false);
}

/**
 * Checks `ready()` every half second until it says true. Fails when one of `processes` exits first
 * (with its last output), or after `timeoutMs` (with what `ready()` last said was missing, and
 * the processes' last output). `ready()` resolves true, or a few words on what is not ready yet.
 * @param {string} what what is starting, for the error
 * @param {() => Promise<true | string>} ready
 * @param {Array<{ name: string, child: import('node:child_process').ChildProcess, output: () => string }>} processes
 * @param {number} [timeoutMs]
 */
async function waitUntilReady(what, ready, processes, timeoutMs = 180000) {
	const deadline = Date.now() + timeoutMs;
	const outputs = (/** @type {typeof processes} */ shown, /** @type {number} */ chars) =>
		shown
			.filter(({ output }) => output() !== '')
			.map(({ name, output }) => `\n--- ${name}\n${output().slice(-chars)}`)
			.join('');
	for (;;) {
		const dead = processes.filter(({ child }) => child.exitCode !== null);
		if (dead.length > 0)
			throw new Error(`${what}: ${dead[0].name} exited while starting${outputs(dead, 3000)}`);
		const answer = await ready();
		if (answer === true) return;
		if (Date.now() > deadline) {
			throw new Error(
				`${what} was not ready within ${Math.round(timeoutMs / 1000)} s (${answer})${outputs(processes, Math.floor(3000 / processes.length))}`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

module.exports = {
	n8nEnvironment,
	answersReadiness,
	waitUntilReady,
	runN8n,
	startProcess,
	stopProcess,
	startProbedServer,
	importCredentials,
	importWorkflows,
	publishWorkflow,
	executeWorkflow,
	nodeOutputs,
	nodeExecutionTime,
	printedJson,
};
