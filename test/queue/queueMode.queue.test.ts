/**
 * The package in n8n's queue mode: a main instance and two workers on one PostgreSQL database and
 * one Redis queue, each with the package installed as n8n installs community packages, all using
 * one BizKitHub API key. The sign-up webhook example takes 200 sign-ups posted at once.
 */
import { sleep } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import { exampleWorkflow } from '../../scripts/lib/examples';
import { importCredentials, importWorkflows, publishWorkflow } from '../../scripts/lib/n8n';
import { sandboxCredential } from '../../scripts/lib/sandboxCredential';
import { report } from '../helpers/report';
import { startCluster } from './helpers/queueCluster';
import { startServices } from './helpers/services';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

let services: Awaited<ReturnType<typeof startServices>>;
let plain: Sandbox;
let limited: Sandbox;
let cluster: Awaited<ReturnType<typeof startCluster>>;

const LIMIT = { limit: 20, windowMs: 1000, burst: 5 };

/** The sign-up webhook example at `path`, sending with the credential `credentialId`. */
function signUpWorkflow(id: string, path: string, credentialId: string, sandboxUrl: string) {
	const workflow = exampleWorkflow('signup-webhook-workflow.json', sandboxUrl);
	workflow.id = id;
	workflow.name = `${workflow.name} (${path})`;
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-base.webhook') {
			node.parameters.path = path;
			node.webhookId = `${id}-webhook`;
		}
		if (node.credentials?.bizKitHubApi) {
			node.credentials.bizKitHubApi = { id: credentialId, name: credentialId };
		}
	}
	return workflow;
}

beforeAll(async () => {
	services = await startServices();
	plain = await startSandbox({
		customers: Array.from({ length: 20 }, (_, index) => ({
			email: `known${index}@example.com`,
			state: 'confirmed' as const,
		})),
	});
	limited = await startSandbox({ rateLimit: LIMIT });
	cluster = await startCluster(services, {
		prepare: async (env, userFolder, runtime) => {
			await importCredentials(
				runtime,
				userFolder,
				[
					sandboxCredential(plain.url, plain.keys.dev, 'queuePlain000001'),
					sandboxCredential(limited.url, limited.keys.dev, 'queueLimited0001'),
				],
				env,
			);
			await importWorkflows(
				runtime,
				userFolder,
				[
					signUpWorkflow('queueSignUp00001', 'sign-up', 'queuePlain000001', plain.url),
					signUpWorkflow('queueSignUp00002', 'sign-up-limited', 'queueLimited0001', limited.url),
				],
				env,
			);
			await publishWorkflow(runtime, userFolder, 'queueSignUp00001', env);
			await publishWorkflow(runtime, userFolder, 'queueSignUp00002', env);
		},
	});
});

afterAll(async () => {
	await cluster?.stop();
	await plain?.close();
	await limited?.close();
	await services?.stop();
});

/** Posts one sign-up; its HTTP status, or 0 when no answer came within `timeoutMs`. */
async function signUp(path: string, customer: object, timeoutMs = 120000) {
	try {
		const response = await fetch(`${cluster.url}/webhook/${path}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(customer),
			signal: AbortSignal.timeout(timeoutMs),
		});
		return response.status;
	} catch {
		return 0;
	}
}

const successes = (sandbox: Sandbox) =>
	sandbox
		.registrations()
		.filter((request) => request.outcome === 'success')
		.map((request) => request.body.email as string);

test('200 sign-ups at once: run on both workers, each answered with its outcome, every new address registered exactly once', async () => {
	const before = cluster.executionsByWorker();
	const customers = [
		...Array.from({ length: 160 }, (_, index) => ({
			email: `new${index}@example.com`,
			password: `pw-${index}`,
		})),
		...Array.from({ length: 20 }, (_, index) => ({
			email: `not-an-address-${index}`,
			password: 'x',
		})),
		...Array.from({ length: 20 }, (_, index) => ({
			email: `known${index}@example.com`,
			password: 'pw-known',
		})),
	];
	const started = Date.now();
	const statuses = await Promise.all(customers.map((customer) => signUp('sign-up', customer)));
	report(`200 sign-ups without a rate limit answered in ${Date.now() - started} ms`);
	expect(statuses.slice(0, 160).every((status) => status === 201)).toBe(true);
	expect(statuses.slice(160, 180).every((status) => status === 422)).toBe(true);
	expect(statuses.slice(180).every((status) => status === 409)).toBe(true);

	const registered = successes(plain);
	expect(registered).toHaveLength(160);
	expect(new Set(registered).size).toBe(160);

	// A webhook answers before its execution has ended: wait for the workers to log all 200.
	const total = () =>
		Object.entries(cluster.executionsByWorker()).reduce(
			(sum, [worker, count]) => sum + count - (before[worker] ?? 0),
			0,
		);
	for (let wait = 0; wait < 300 && total() < customers.length; wait++) await sleep(100);
	const after = cluster.executionsByWorker();
	const ran = Object.fromEntries(
		Object.keys(after).map((worker) => [worker, after[worker] - (before[worker] ?? 0)]),
	);
	report(`executions per worker: ${JSON.stringify(ran)}`);
	expect(Object.values(ran).reduce((sum, count) => sum + count, 0)).toBe(200);
	for (const count of Object.values(ran)) expect(count).toBeGreaterThan(0);
});

test('a shared rate limit (20/s, burst 5): all 200 registered, none lost, none on an error path', async () => {
	const customers = Array.from({ length: 200 }, (_, index) => ({
		email: `limited${index}@example.com`,
		password: `pw-${index}`,
	}));
	const started = Date.now();
	const statuses = await Promise.all(
		customers.map((customer) => signUp('sign-up-limited', customer)),
	);
	const elapsedMs = Date.now() - started;
	const minimumMs = ((customers.length - LIMIT.burst) / LIMIT.limit) * LIMIT.windowMs;
	report(
		`rate-limited load: ${elapsedMs} ms for 200 sign-ups, ${(elapsedMs / minimumMs).toFixed(2)}x the limit's minimum of ${minimumMs} ms; ${limited.stats.rateLimited} answers were 429`,
	);
	expect(statuses.filter((status) => status !== 201)).toEqual([]);
	const registered = successes(limited);
	expect(registered).toHaveLength(200);
	expect(new Set(registered).size).toBe(200);
});

test("a worker killed in the middle of the load: nothing is registered twice, and its executions stay unfinished in n8n's list", async () => {
	const customers = Array.from({ length: 100 }, (_, index) => ({
		email: `crash${index}@example.com`,
		password: `pw-${index}`,
	}));
	const before = cluster.executionsByWorker().worker2;
	// A sign-up whose execution died with the worker gets no answer: given up on after 45 s.
	const answers = Promise.all(customers.map((customer) => signUp('sign-up', customer, 45000)));
	while (cluster.executionsByWorker().worker2 === before) await sleep(20);
	cluster.kill('worker2');
	const statuses = await answers;
	const counts: Record<string, number> = {};
	for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
	const byStatus = services.sql(
		'SELECT status, count(*) FROM execution_entity GROUP BY status ORDER BY status',
	);

	const registered = successes(plain).filter((email) => email.startsWith('crash'));
	report(
		`after killing worker2: webhook answers by status ${JSON.stringify(counts)} (0: none); executions by status ${JSON.stringify(byStatus)}; ${registered.length} of 100 registered at the sandbox`,
	);
	// What reached the sandbox is registered once: a retried execution gets E004, not a second account.
	expect(new Set(registered).size).toBe(registered.length);
	// Each sign-up left without an answer is an execution n8n still lists as unfinished.
	const unfinished = byStatus
		.filter((row) => !row.startsWith('success|'))
		.reduce((sum, row) => sum + Number(row.split('|')[1]), 0);
	expect(unfinished).toBeGreaterThanOrEqual(counts[0] ?? 0);
	// Every sign-up the webhook answered 201 for is registered.
	const answered = customers.filter((_, index) => statuses[index] === 201).map((c) => c.email);
	expect(registered).toEqual(expect.arrayContaining(answered));
});
