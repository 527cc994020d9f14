// @ts-check
'use strict';

// The benchmark's jobs: what is sent, to which sandbox, by which node. Each job is measured by
// harness.js and turned into a table row by report.js.

const { autoMapParameters } = require('../../scripts/lib/workflows');

const CEILING_PACKAGE = 'n8n-nodes-bizkithub-bench-ceiling';

/**
 * Code for the Code node: `count` customers with distinct addresses, already in the form the API
 * wants, so that the HTTP Request node, which sends them as they are, is not refused.
 */
function customersCode(/** @type {number} */ count, /** @type {string} */ prefix) {
	return `return Array.from({ length: ${count} }, (_, i) => ({ json: { email: '${prefix}' + i + '@example.com', password: 'bench-' + i, firstName: 'Bench', phone: '+420 777' + String(100000 + i).slice(-6) } }));`;
}

const credentialsFor = (/** @type {string} */ credentialId, type = 'bizKitHubApi') => ({
	[type]: { id: credentialId, name: credentialId },
});

/** The BizKitHub node with Map Automatically and the given options. */
function bizKitHubNode(/** @type {object} */ options = {}) {
	return (/** @type {any} */ _sandbox, /** @type {string} */ credentialId) => ({
		type: 'n8n-nodes-bizkithub.bizKitHub',
		typeVersion: 1,
		parameters: autoMapParameters(options),
		credentials: credentialsFor(credentialId),
	});
}

/**
 * The test-only ceiling node (bench/ceiling-node): the same credential and concurrency.
 * @param {number} concurrency
 * @param {boolean} paced
 * @param {string} [credentialType] `benchExpressionAuth`: the key applied by an expression
 */
function ceilingNode(concurrency, paced, credentialType = 'bizKitHubApi') {
	return (/** @type {any} */ _sandbox, /** @type {string} */ credentialId) => ({
		type: `${CEILING_PACKAGE}.benchCeiling`,
		typeVersion: 1,
		parameters: { concurrency, paced, credential: credentialType },
		credentials: credentialsFor(credentialId, credentialType),
	});
}

/** n8n's HTTP Request node posting each item to register-account, as a user would set it up. */
function httpRequestNode(/** @type {{ size: number, intervalMs: number } | undefined} */ batching) {
	return (/** @type {any} */ sandbox) => ({
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
	});
}

/**
 * A job: `items` customers sent by `node` to a sandbox answering after `latencyMs`, limited by
 * `rateLimit`.
 * @param {string} id
 * @param {{ items: number, latencyMs?: number, rateLimit?: object | null }} setup
 * @param {(sandbox: any, credentialId: string) => object} node
 * @param {string} [credentialType] the type of the job's credential
 * @returns {import('./harness').Job & { items: number }}
 */
function job(id, { items, latencyMs = 0, rateLimit = null }, node, credentialType) {
	return {
		id,
		items,
		credentialType,
		sandbox: { latencyMs, rateLimit },
		inputCode: customersCode(items, id.toLowerCase()),
		node,
	};
}

/**
 * The limiters the API may stand behind (its documentation gives the headers, not the algorithm):
 * each answers in whole seconds, as documented, with and without the X-RateLimit-* headers. A
 * fixed window lets its whole limit through at once, so its burst is its limit.
 */
/**
 * @typedef {{ kind: 'bucket' | 'window', limit: number, burst?: number, headers: boolean }} LimiterVariant
 *   a limiter of the sandbox (sandbox/rateLimiter.js), counting per second; `headers`: whether its
 *   answers carry X-RateLimit-Limit, -Remaining and -Reset
 */

/** @type {LimiterVariant[]} */
const LIMITERS = [
	{ kind: 'bucket', headers: true, limit: 20, burst: 5 },
	{ kind: 'bucket', headers: false, limit: 20, burst: 5 },
	{ kind: 'bucket', headers: true, limit: 50, burst: 20 },
	{ kind: 'bucket', headers: false, limit: 50, burst: 20 },
	{ kind: 'bucket', headers: false, limit: 10, burst: 1 },
	{ kind: 'window', headers: true, limit: 20, burst: 20 },
	{ kind: 'window', headers: false, limit: 20, burst: 20 },
	{ kind: 'window', headers: false, limit: 50, burst: 50 },
];

/** `items` sends under one limiter, with the node's default options. */
function limitedJob(/** @type {typeof LIMITERS[number]} */ limiter, /** @type {number} */ items) {
	const { kind, headers, limit } = limiter;
	return {
		...job(
			`L${kind[0]}${headers ? 'h' : 'n'}${limit}b${limiter.burst}`,
			{ items, rateLimit: { ...limiter, windowMs: 1000 } },
			bizKitHubNode(),
		),
		limiter,
	};
}

module.exports = {
	LIMITERS,
	bizKitHubNode,
	ceilingNode,
	customersCode,
	httpRequestNode,
	job,
	limitedJob,
	CEILING_PACKAGE,
};
