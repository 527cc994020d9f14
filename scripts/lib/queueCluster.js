// @ts-check
'use strict';

// n8n 2.41.1 in queue mode on one machine: a main instance (editor, API, webhooks) that puts
// executions on a Redis queue, and workers that run them, all on one PostgreSQL database with one
// encryption key. Every process has a user folder of its own with this package installed the way
// n8n installs a community package (a worker without it fails with "Unrecognized node type").

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { installInto } = require('./installPackage');
const n8n = require('./n8n');
const { freePort } = require('./ports');
const { ensureN8n } = require('./runtime');

/**
 * What every process of the cluster shares: the database and the queue.
 * @param {{ redisPort: number, postgresPort: number }} services
 */
function clusterEnvironment({ redisPort, postgresPort }) {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgresPort),
		DB_POSTGRESDB_DATABASE: 'postgres',
		DB_POSTGRESDB_USER: 'n8n',
		DB_POSTGRESDB_PASSWORD: '',
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
	};
}

/**
 * Starts main and `workers` workers. `prepare(env, userFolder)` runs first, with the cluster's
 * environment, to import credentials and workflows into the shared database.
 * @param {{ redisPort: number, postgresPort: number, sql: (query: string) => string[] }} services
 * @param {{ workers?: number, concurrency?: number, prepare: (env: Record<string, string>, userFolder: string, runtime: { node: string, n8n: string }) => Promise<void> }} options
 */
async function startCluster(services, { workers = 2, concurrency = 5, prepare }) {
	const runtime = await ensureN8n();
	const env = clusterEnvironment(services);
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bizkithub-cluster-'));
	const folderOf = (/** @type {string} */ name) => {
		const folder = path.join(root, name);
		fs.mkdirSync(folder);
		installInto(folder);
		return folder;
	};
	/** @type {Array<{ name: string, child: import('node:child_process').ChildProcess, output: () => string }>} */
	const processes = [];
	const stop = async () => {
		await Promise.all(processes.map(({ child }) => n8n.stopProcess(child)));
		fs.rmSync(root, { recursive: true, force: true });
	};
	try {
		const mainFolder = folderOf('main');
		await prepare(env, mainFolder, runtime);
		// Main answers its readiness check before it has registered the published workflows'
		// webhooks (a sign-up posted then gets 404): wait for each to have one in the database.
		const published = services.sql(
			'SELECT id FROM workflow_entity WHERE "activeVersionId" IS NOT NULL AND NOT "isArchived"',
		);
		const webhooksReady = () => {
			const registered = new Set(services.sql('SELECT DISTINCT "workflowId" FROM webhook_entity'));
			return published.every((id) => registered.has(id));
		};
		const port = await freePort();
		const url = `http://127.0.0.1:${port}`;
		const main = await n8n.startProcess(runtime, 'start', mainFolder, {
			...env,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			WEBHOOK_URL: `${url}/`,
		});
		processes.push({ name: 'main', ...main });
		for (let index = 1; index <= workers; index++) {
			const worker = await n8n.startProcess(runtime, 'worker', folderOf(`worker${index}`), {
				...env,
				N8N_CONCURRENCY_PRODUCTION_LIMIT: String(concurrency),
				QUEUE_HEALTH_CHECK_ACTIVE: 'false',
			});
			processes.push({ name: `worker${index}`, ...worker });
		}
		await n8n.waitUntilReady(
			'the cluster',
			async () => {
				const mainReady = await n8n.answersReadiness(url);
				const workersReady = processes
					.filter(({ name }) => name.startsWith('worker'))
					.every(({ output }) => /n8n worker is now ready|Worker started/i.test(output()));
				const webhooks = webhooksReady();
				return (
					(mainReady && workersReady && webhooks) ||
					`main ${mainReady ? 'ready' : 'not ready'}, workers ${workersReady ? 'ready' : 'not ready'}, webhooks ${webhooks ? 'registered' : 'not all registered'}`
				);
			},
			processes,
		);
		/** Executions each worker says it ran, from its log. */
		const executionsByWorker = () =>
			Object.fromEntries(
				processes
					.filter(({ name }) => name.startsWith('worker'))
					.map(({ name, output }) => [
						name,
						(output().match(/Worker finished execution/g) ?? []).length,
					]),
			);
		return {
			url,
			processes,
			/** Kills a process at once, as a crash or an out-of-memory kill would. @param {string} name */
			kill: (name) => processes.find((each) => each.name === name)?.child.kill('SIGKILL'),
			executionsByWorker,
			/**
			 * Waits up to 30 s for the workers to log `count` more finished executions than `before`
			 * (a webhook answers before its execution has ended); how many each ran since.
			 * @param {Record<string, number>} before what `executionsByWorker()` said earlier
			 * @param {number} count
			 */
			executionsSince: async (before, count) => {
				const since = () =>
					Object.fromEntries(
						Object.entries(executionsByWorker()).map(([worker, total]) => [
							worker,
							total - (before[worker] ?? 0),
						]),
					);
				const sum = () => Object.values(since()).reduce((total, each) => total + each, 0);
				for (let wait = 0; wait < 300 && sum() < count; wait++)
					await new Promise((resolve) => setTimeout(resolve, 100));
				return since();
			},
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { startCluster, clusterEnvironment };
