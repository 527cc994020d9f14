// @ts-check
'use strict';

// A local npm registry (Verdaccio, a devDependency) on a free port of 127.0.0.1, its storage and
// configuration in a temporary folder, with no uplink: it serves only what is published to it,
// and asks no other registry for anything. A user made for the occasion (random name and
// password, htpasswd) publishes; its token is written to an npm user config in that folder and
// never printed.

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { track } = require('./lifecycle');
const { stopProcess, waitUntilReady } = require('./n8n');
const { freePort } = require('./ports');
const { ROOT } = require('./runtime');

const VERDACCIO = path.join(ROOT, 'node_modules', 'verdaccio', 'bin', 'verdaccio');

/** @param {string} folder @param {number} port */
function verdaccioConfig(folder, port) {
	return [
		`storage: ${path.join(folder, 'storage')}`,
		'auth:',
		'  htpasswd:',
		`    file: ${path.join(folder, 'htpasswd')}`,
		'    max_users: 1',
		'uplinks: {}',
		'packages:',
		"  '**':",
		'    access: $all',
		'    publish: $authenticated',
		'    unpublish: $authenticated',
		`listen: 127.0.0.1:${port}`,
		'log: { type: stdout, format: pretty, level: warn }',
		'',
	].join('\n');
}

/**
 * Starts Verdaccio and makes its publishing user. Returns its URL, the npm user config that holds
 * the user's token (for `npm --userconfig`), and `stop` (the process is also stopped with the
 * script, through lifecycle's `track`).
 */
async function startLocalRegistry() {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bizkithub-registry-'));
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const config = path.join(folder, 'config.yaml');
	fs.writeFileSync(config, verdaccioConfig(folder, port));
	const child = track(
		spawn(process.execPath, [VERDACCIO, '--config', config], {
			cwd: folder,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, NODE_ENV: 'production' },
		}),
	);
	let output = '';
	child.stdout?.on('data', (chunk) => (output += chunk));
	child.stderr?.on('data', (chunk) => (output += chunk));
	await waitUntilReady(
		`Verdaccio on ${url}`,
		() =>
			fetch(`${url}/-/ping`)
				.then((response) => response.ok || `HTTP ${response.status}`)
				.catch(() => 'not answering'),
		[{ name: 'verdaccio', child, output: () => output }],
		60000,
	);

	const name = `publisher${crypto.randomBytes(4).toString('hex')}`;
	const password = crypto.randomBytes(18).toString('base64url');
	const answer = await fetch(`${url}/-/user/org.couchdb.user:${name}`, {
		method: 'PUT',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ name, password }),
	});
	const { token } = /** @type {{ token?: string }} */ (await answer.json());
	if (answer.status !== 201 || !token)
		throw new Error(`Verdaccio did not make the publishing user (HTTP ${answer.status})`);
	const userConfig = path.join(folder, 'npmrc');
	fs.writeFileSync(
		userConfig,
		`registry=${url}/\n//127.0.0.1:${port}/:_authToken=${token}\nignore-scripts=true\naudit=false\nfund=false\n`,
		{ mode: 0o600 },
	);
	return {
		url,
		userConfig,
		output: () => output,
		stop: async () => {
			await stopProcess(child);
			fs.rmSync(folder, { recursive: true, force: true });
		},
	};
}

module.exports = { startLocalRegistry };
