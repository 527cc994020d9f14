// @ts-check
'use strict';

// The bench's queue-mode part: n8n main and two workers on Redis and PostgreSQL, one BizKitHub
// credential per load, and the sign-up webhook example taking 200 sign-ups posted at once, first
// with no rate limit (twice: the first load meets cold workers; the second is the cluster's own
// speed on this machine) and then under limiters the workers share.

const { startSandbox } = require('../../sandbox/server');
const { startServices } = require('../../scripts/lib/queueServices');
const { log } = require('../../scripts/lib/runtime');
const {
	newCustomers,
	postSignUps,
	signUpPath,
	startSignUpCluster,
} = require('../../scripts/lib/signUpLoad');
const { limiterLabel } = require('./report');

/**
 * @typedef {import('./jobs').LimiterVariant} LimiterVariant
 * @typedef {{ label: string, rateLimit: LimiterVariant | null, cold?: boolean }} QueueLoad
 * @typedef {QueueLoad & { items: number, ms: number, registered: number, notAnswered201: number,
 *   rateLimited: number, byWorker: Record<string, number> }} QueueResult
 */

/** @type {QueueLoad[]} */
const QUEUE_LOADS = [
	{ label: 'no rate limit, first load after start', rateLimit: null, cold: true },
	{ label: 'no rate limit', rateLimit: null },
	.../** @type {LimiterVariant[]} */ ([
		{ kind: 'bucket', headers: true, limit: 20, burst: 5 },
		{ kind: 'bucket', headers: true, limit: 5, burst: 5 },
		{ kind: 'bucket', headers: false, limit: 5, burst: 5 },
		{ kind: 'window', headers: false, limit: 5, burst: 5 },
	]).map((rateLimit) => ({ label: limiterLabel(rateLimit), rateLimit })),
];

/**
 * Runs every load, one after another, on one cluster; what each took and what came of it.
 * @param {number} [items]
 * @returns {Promise<QueueResult[]>}
 */
async function runQueueLoads(items = 200) {
	const services = await startServices();
	/** @type {Array<Awaited<ReturnType<typeof startSandbox>>>} */
	const sandboxes = [];
	/** @type {Awaited<ReturnType<typeof startSignUpCluster>> | undefined} */
	let cluster;
	try {
		for (const load of QUEUE_LOADS)
			sandboxes.push(
				await startSandbox({
					rateLimit: load.rateLimit ? { ...load.rateLimit, windowMs: 1000 } : null,
				}),
			);
		cluster = await startSignUpCluster(services, sandboxes);
		/** @type {QueueResult[]} */
		const results = [];
		for (const [index, load] of QUEUE_LOADS.entries()) {
			const sandbox = sandboxes[index];
			const before = cluster.executionsByWorker();
			const { statuses, ms } = await postSignUps(
				cluster.url,
				signUpPath(index),
				newCustomers('queue', items),
			);
			const registered = new Set(sandbox.registeredAddresses()).size;
			const byWorker = await cluster.executionsSince(before, items);
			const result = {
				...load,
				items,
				ms,
				registered,
				notAnswered201: statuses.filter((status) => status !== 201).length,
				rateLimited: sandbox.stats.rateLimited,
				byWorker,
			};
			log(
				`queue mode, ${load.label}: ${ms} ms, ${registered} registered, ${result.rateLimited} answers 429, per worker ${JSON.stringify(byWorker)}`,
			);
			results.push(result);
		}
		return results;
	} finally {
		await cluster?.stop();
		await Promise.all(sandboxes.map((sandbox) => sandbox.close()));
		await services.stop();
	}
}

module.exports = { QUEUE_LOADS, runQueueLoads };
