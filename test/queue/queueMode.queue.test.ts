/**
 * The package in n8n's queue mode: a main instance and two workers on one PostgreSQL database and
 * one Redis queue, each with the package installed as n8n installs community packages, all using
 * one BizKitHub API key. The sign-up webhook example takes 200 sign-ups posted at once: with no
 * rate limit, under two rate limits the workers share, and with a worker killed on the way.
 */
import { sleep } from 'n8n-workflow';

import { limiterLabel } from '../../bench/lib/report';
import { startSandbox } from '../../sandbox/server';
import { startServices } from '../../scripts/lib/queueServices';
import {
	newCustomers,
	postSignUps,
	signUpPath,
	startSignUpCluster,
} from '../../scripts/lib/signUpLoad';
import { report } from '../helpers/report';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/**
 * Two of the limiters the API may use, both slower than this cluster sends when nothing limits it
 * (so the workers compete for the quota): a token bucket that says what is left in X-RateLimit
 * headers, and a fixed window that says nothing until it refuses.
 */
const LIMITERS = [
	{ kind: 'bucket' as const, headers: true, limit: 5, burst: 5, windowMs: 1000 },
	{ kind: 'window' as const, headers: false, limit: 5, burst: 5, windowMs: 1000 },
];

let services: Awaited<ReturnType<typeof startServices>>;
let plain: Sandbox;
let limited: Sandbox[];
let cluster: Awaited<ReturnType<typeof startSignUpCluster>>;

beforeAll(async () => {
	services = await startServices();
	plain = await startSandbox({
		customers: Array.from({ length: 20 }, (_, index) => ({
			email: `known${index}@example.com`,
			state: 'confirmed' as const,
		})),
	});
	limited = await Promise.all(LIMITERS.map((rateLimit) => startSandbox({ rateLimit })));
	cluster = await startSignUpCluster(services, [plain, ...limited]);
});

afterAll(async () => {
	await cluster?.stop();
	await plain?.close();
	await Promise.all((limited ?? []).map((sandbox) => sandbox.close()));
	await services?.stop();
});

test('200 sign-ups at once: run on both workers, each answered with its outcome, every new address registered exactly once', async () => {
	const before = cluster.executionsByWorker();
	const customers = [
		...newCustomers('new', 160),
		...Array.from({ length: 20 }, (_, index) => ({
			email: `not-an-address-${index}`,
			password: 'x',
		})),
		...Array.from({ length: 20 }, (_, index) => ({
			email: `known${index}@example.com`,
			password: 'pw-known',
		})),
	];
	const { statuses, ms } = await postSignUps(cluster.url, signUpPath(0), customers);
	report(`200 sign-ups without a rate limit answered in ${ms} ms`);
	expect(statuses.slice(0, 160).every((status) => status === 201)).toBe(true);
	expect(statuses.slice(160, 180).every((status) => status === 422)).toBe(true);
	expect(statuses.slice(180).every((status) => status === 409)).toBe(true);

	const registered = plain.registeredAddresses();
	expect(registered).toHaveLength(160);
	expect(new Set(registered).size).toBe(160);

	// A webhook answers before its execution has ended: wait for the workers to log all 200.
	const ran = await cluster.executionsSince(before, customers.length);
	report(`executions per worker: ${JSON.stringify(ran)}`);
	expect(Object.values(ran).reduce((sum, count) => sum + count, 0)).toBe(200);
	for (const count of Object.values(ran)) expect(count).toBeGreaterThan(0);
});

test.each(LIMITERS.map((limiter, index) => [limiterLabel(limiter), limiter, index]))(
	'a rate limit both workers share (%s): all 200 registered, none lost, none on an error path, fewer 429 answers than sign-ups',
	async (_, limiter, index) => {
		const sandbox = limited[index];
		const customers = newCustomers('limited', 200);
		const { statuses, ms } = await postSignUps(cluster.url, signUpPath(index + 1), customers);
		const minimumMs = ((customers.length - limiter.burst) / limiter.limit) * limiter.windowMs;
		report(
			`rate-limited load (${limiterLabel(limiter)}): ${ms} ms for 200 sign-ups, ${(ms / minimumMs).toFixed(2)}x the limit's minimum of ${minimumMs} ms; ${sandbox.stats.rateLimited} answers were 429`,
		);
		expect(statuses.filter((status) => status !== 201)).toEqual([]);
		const registered = sandbox.registeredAddresses();
		expect(registered).toHaveLength(200);
		expect(new Set(registered).size).toBe(200);
		// Each worker paces itself by what the API tells it: the two race for the same quota now and
		// then (30 to 65 refusals seen), but a client that ignored the limit would be refused for
		// nearly all of the 200 at once, and again on every retry.
		expect(sandbox.stats.rateLimited).toBeLessThan(customers.length);
	},
);

test("a worker killed in the middle of the load: nothing is registered twice, and its executions stay unfinished in n8n's list", async () => {
	const customers = newCustomers('crash', 100);
	const before = cluster.executionsByWorker().worker2;
	// A sign-up whose execution died with the worker gets no answer: given up on after 45 s.
	const answers = postSignUps(cluster.url, signUpPath(0), customers, 45000);
	while (cluster.executionsByWorker().worker2 === before) await sleep(20);
	cluster.kill('worker2');
	const { statuses } = await answers;
	const counts: Record<string, number> = {};
	for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
	const byStatus = services.sql(
		'SELECT status, count(*) FROM execution_entity GROUP BY status ORDER BY status',
	);

	const registered = plain.registeredAddresses().filter((email) => email.startsWith('crash'));
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
