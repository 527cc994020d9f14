// @ts-check
'use strict';

// One n8n (2.41.1, or the release given) started as a server (`n8n start`) with the package
// installed, the process probe loaded (scripts/lib/processProbe.js), credentials and workflows
// imported and the workflows published (their triggers and webhooks live), and the local owner
// signed in for its REST API.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { installInto } = require('../../../scripts/lib/installPackage');
const n8n = require('../../../scripts/lib/n8n');
const { localOwner, request, signIn } = require('../../../scripts/lib/owner');
const { TESTED, ensureN8n } = require('../../../scripts/lib/runtime');

/**
 * @param {{ release?: import('../../../scripts/lib/runtime').Release, credentials: object[],
 *   workflows: Array<{ id: string }> }} options
 */
async function startN8nServer({ release = TESTED, credentials, workflows }) {
	const runtime = await ensureN8n(release);
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'bizkithub-compat-'));
	/** @type {Awaited<ReturnType<typeof n8n.startProbedServer>> | undefined} */
	let main;
	const stop = async () => {
		if (main) await n8n.stopProcess(main.child);
		fs.rmSync(userFolder, { recursive: true, force: true });
	};
	try {
		installInto(userFolder);
		await n8n.importCredentials(runtime, userFolder, credentials);
		await n8n.importWorkflows(runtime, userFolder, workflows);
		for (const workflow of workflows) await n8n.publishWorkflow(runtime, userFolder, workflow.id);
		main = await n8n.startProbedServer(runtime, userFolder);
		const { url } = main;
		const started = main;
		// (n8n 1.x answers its readiness check before its REST API is up.)
		await n8n.waitUntilReady(
			`n8n ${release.n8n}`,
			async () =>
				((await n8n.answersReadiness(url)) &&
					(await fetch(`${url}/rest/settings`).then(
						(response) => response.status === 200,
						() => false,
					))) ||
				'its readiness check or its REST API does not answer yet',
			[{ name: 'n8n', ...started }],
		);
		const cookie = await signIn(url, localOwner(userFolder));
		return {
			url,
			output: () => started.output(),
			/** What the probe in n8n's process says: heap, CPU, pending timers of a minute or more. */
			probe: started.probe,
			/** A request to n8n's REST API as the signed-in local owner. */
			call: (
				/** @type {string} */ method,
				/** @type {string} */ pathname,
				/** @type {unknown} */ body = undefined,
			) => request(url, method, pathname, { body, cookie }),
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { startN8nServer };
