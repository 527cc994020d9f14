// @ts-check
'use strict';

// Starts what `npm run dev` starts (n8n with the package, the sandbox), on free ports and in a
// temporary user folder, for a test to talk to over HTTP.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startDev } = require('../../../scripts/dev');
const { request } = require('../../../scripts/lib/owner');
const { freePort } = require('../../../scripts/lib/ports');

async function startDevServer() {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'bizkithub-dev-e2e-'));
	const dev = await startDev({
		port: await freePort(),
		sandboxPort: await freePort(),
		userFolder,
		rebuild: false,
		showN8nOutput: false,
	});
	return {
		...dev,
		/** A request to n8n's REST API as the signed-in local owner. */
		call: (method, pathname, body) =>
			request(dev.url, method, pathname, { body, cookie: dev.cookie }),
		stop: async () => {
			await dev.stop();
			fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};
}

module.exports = {
	freePort,
	startDevServer,
};
