// @ts-check
'use strict';

// n8n 2.41.1 started to install community packages from a local registry through its own REST
// API, as the Settings > Community nodes page does. n8n refuses a registry other than npmjs.org
// unless its licence has the feature `feat:communityNodes:customRegistry`; with E2E_TESTS=true,
// n8n's own test switch (PATCH /rest/e2e/feature, e2e.controller.ts) turns that feature on. The
// project does not patch or stub n8n's licence. NPM_CONFIG_REGISTRY points the `npm outdated`
// n8n runs for its "update available" check (without its registry flag) at the same registry.
// n8n's check of its online list of banned packages fails offline and lets the package through.

const { answersReadiness, startProbedServer, stopProcess, waitUntilReady } = require('./n8n');
const { localOwner, request, signIn } = require('./owner');

const CUSTOM_REGISTRY_FEATURE = 'feat:communityNodes:customRegistry';

/**
 * Starts n8n on `userFolder`, signs in as its owner (set up on the first start) and turns on the
 * custom registry feature. `call` sends a signed-in request to its REST API.
 * @param {{ node: string, n8n: string, version?: string, env?: Record<string, string> }} runtime
 * @param {string} userFolder
 * @param {string} registryUrl
 */
async function startN8nOnRegistry(runtime, userFolder, registryUrl) {
	const server = await startProbedServer(runtime, userFolder, {
		E2E_TESTS: 'true',
		N8N_COMMUNITY_PACKAGES_REGISTRY: registryUrl,
		NPM_CONFIG_REGISTRY: registryUrl,
	});
	const processes = [{ name: 'n8n', child: server.child, output: server.output }];
	await waitUntilReady(
		'n8n',
		async () => (await answersReadiness(server.url)) || 'not ready',
		processes,
	);
	const cookie = await signIn(server.url, localOwner(userFolder));
	const feature = await request(server.url, 'PATCH', '/rest/e2e/feature', {
		body: { feature: CUSTOM_REGISTRY_FEATURE, enabled: true },
		cookie,
	});
	if (feature.status !== 200)
		throw new Error(`n8n did not turn on ${CUSTOM_REGISTRY_FEATURE} (HTTP ${feature.status})`);
	return {
		...server,
		/** @param {string} method @param {string} pathname @param {unknown} [body] */
		call: (method, pathname, body) => request(server.url, method, pathname, { body, cookie }),
		stop: () => stopProcess(server.child),
	};
}

module.exports = { CUSTOM_REGISTRY_FEATURE, startN8nOnRegistry };
