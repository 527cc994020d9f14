// @ts-check
'use strict';

// One real n8n (from .cache: 2.41.1 on Node 24, or a release the compatibility tests name) for a test file: a fresh user folder with this package
// installed as a community package, credentials imported, and workflows run headless.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { installInto } = require('../../../scripts/lib/installPackage');
const n8n = require('../../../scripts/lib/n8n');
const { ensureN8n } = require('../../../scripts/lib/runtime');

/**
 * @param {{ credentials: object[], release?: import('../../../scripts/lib/runtime').Release,
 *   userFolder?: string }} options credentials in n8n's import format; the n8n release (2.41.1
 *   unless given); a user folder the caller has installed the package into (else a new one, with
 *   the package installed as n8n installs it)
 */
async function createInstance({ credentials, release, userFolder: given }) {
	const runtime = await ensureN8n(release);
	const userFolder = given ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bizkithub-e2e-'));
	if (!given) installInto(userFolder);
	await n8n.importCredentials(runtime, userFolder, credentials);
	return {
		userFolder,
		importWorkflows: (workflows) => n8n.importWorkflows(runtime, userFolder, workflows),
		runtime,
		/** @returns {Promise<{ run: any, code: number, printed: string }>} */
		execute: (id) => n8n.executeWorkflow(runtime, userFolder, id),
		/** Everything n8n stored in its database files (the write-ahead log included), as text. */
		storedText: () => {
			const folder = path.join(userFolder, '.n8n');
			return fs
				.readdirSync(folder)
				.filter((name) => name.startsWith('database.sqlite'))
				.map((name) => fs.readFileSync(path.join(folder, name), 'latin1'))
				.join('\n');
		},
		cleanup: () => fs.rmSync(userFolder, { recursive: true, force: true }),
	};
}

module.exports = { createInstance, nodeOutputs: n8n.nodeOutputs };
