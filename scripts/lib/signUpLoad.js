// @ts-check
'use strict';

// The load the queue-mode test and bench put on a cluster: the sign-up webhook example, published
// once per sandbox at a path of its own with a credential of its own, and many sign-ups posted at
// once.

const { exampleWorkflow } = require('./examples');
const { importCredentials, importWorkflows, publishWorkflow } = require('./n8n');
const { startCluster } = require('./queueCluster');
const { sandboxCredential } = require('./sandboxCredential');

/**
 * The sign-up webhook example with the id `id`, listening at `path` and sending with the
 * credential `credentialId` to `sandboxUrl`.
 * @param {string} id
 * @param {string} path
 * @param {string} credentialId
 * @param {string} sandboxUrl
 */
function signUpWorkflow(id, path, credentialId, sandboxUrl) {
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

/**
 * Posts one sign-up to the webhook at `url`; its HTTP status, or 0 when no answer came within
 * `timeoutMs`.
 * @param {string} url
 * @param {object} customer
 * @param {number} timeoutMs
 */
async function postSignUp(url, customer, timeoutMs) {
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(customer),
			signal: AbortSignal.timeout(timeoutMs),
		});
		await response.arrayBuffer();
		return response.status;
	} catch {
		return 0;
	}
}

/**
 * Posts every sign-up at once to the webhook at `path` of the n8n at `baseUrl`: the HTTP status of
 * each, in order, and how long the last answer took.
 * @param {string} baseUrl
 * @param {string} path
 * @param {object[]} customers
 * @param {number} [timeoutMs]
 */
async function postSignUps(baseUrl, path, customers, timeoutMs = 120000) {
	const started = Date.now();
	const statuses = await Promise.all(
		customers.map((customer) => postSignUp(`${baseUrl}/webhook/${path}`, customer, timeoutMs)),
	);
	return { statuses, ms: Date.now() - started };
}

/** `count` new customers whose addresses start with `prefix`. */
function newCustomers(/** @type {string} */ prefix, /** @type {number} */ count) {
	return Array.from({ length: count }, (_, index) => ({
		email: `${prefix}${index}@example.com`,
		password: `pw-${index}`,
	}));
}

/** Where the sign-up webhook for the `index`th sandbox of `startSignUpCluster` listens. */
const signUpPath = (/** @type {number} */ index) => `sign-up-${index}`;

/**
 * A queue-mode cluster (main and two workers) with, for each sandbox, a credential for it and the
 * sign-up webhook example sending to it, published at `signUpPath(index)`.
 * @param {Parameters<typeof startCluster>[0]} services
 * @param {Array<{ url: string, keys: { dev: string } }>} sandboxes
 */
function startSignUpCluster(services, sandboxes) {
	const idOf = (/** @type {string} */ kind, /** @type {number} */ index) =>
		`signUp${kind}${index}`.padEnd(16, 'x');
	return startCluster(services, {
		prepare: async (env, userFolder, runtime) => {
			await importCredentials(
				runtime,
				userFolder,
				sandboxes.map((sandbox, index) =>
					sandboxCredential(sandbox.url, sandbox.keys.dev, idOf('Key', index)),
				),
				env,
			);
			const workflows = sandboxes.map((sandbox, index) =>
				signUpWorkflow(idOf('Flow', index), signUpPath(index), idOf('Key', index), sandbox.url),
			);
			await importWorkflows(runtime, userFolder, workflows, env);
			for (const workflow of workflows)
				await publishWorkflow(runtime, userFolder, workflow.id, env);
		},
	});
}

module.exports = { newCustomers, postSignUps, signUpPath, startSignUpCluster };
