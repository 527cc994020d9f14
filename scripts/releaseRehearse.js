// @ts-check
'use strict';

// `npm run release:rehearse`: before tagging a release, the version in the working tree published
// to a local registry (Verdaccio) by the release workflow's steps, installed through n8n's own
// Community Nodes API as a user installs it from Settings, and scanned as n8n's vetting scans it.
// Provenance is the one step left out: it can only be made in GitHub Actions.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startN8nOnRegistry } = require('./lib/communityPackages');
const { failed, onExit } = require('./lib/lifecycle');
const { startLocalRegistry } = require('./lib/localRegistry');
const { publishLocal } = require('./lib/publishLocal');
const { ensureN8n, log } = require('./lib/runtime');
const { scanPublished } = require('./lib/scanPackage');

/** Stops the registry and removes the folders, once they exist; on failure too. */
let cleanUp = async () => {};

async function main() {
	const runtime = await ensureN8n();
	log('starting a local npm registry (Verdaccio, no uplink)');
	const registry = await startLocalRegistry();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'bizkithub-rehearse-'));
	cleanUp = onExit(async () => {
		await registry.stop();
		fs.rmSync(userFolder, { recursive: true, force: true });
	});
	const { name, version } = publishLocal(registry);

	log(
		`starting n8n ${runtime.version} on a new user folder, its community packages from ${registry.url}`,
	);
	const n8n = await startN8nOnRegistry(runtime, userFolder, registry.url);
	log(`installing ${name} through n8n (POST /rest/community-packages)`);
	const installed = await n8n.call('POST', '/rest/community-packages', { name });
	await n8n.stop();
	if (installed.status !== 200)
		throw new Error(`n8n did not install ${name} (HTTP ${installed.status}): ${installed.text}`);
	const { installedVersion, installedNodes } = installed.json.data;
	if (installedVersion !== version)
		throw new Error(`n8n installed ${name}@${installedVersion}, not ${version}`);
	log(
		`n8n installed ${name}@${installedVersion}: ${installedNodes.map((/** @type {{ name: string }} */ node) => node.name).join(', ')}`,
	);

	log(
		`scanning ${name}@${version} as n8n's vetting does (@n8n/scan-community-package; no provenance)`,
	);
	const scan = scanPublished(registry.url, name, version);
	if (!scan.passed) throw new Error(`the scan failed: ${scan.message}\n${scan.details ?? ''}`);
	log('the scan passed');
	await cleanUp();
	log(`rehearsed: ${name}@${version} publishes, installs through n8n and passes the scan`);
}

main().catch(async (error) => {
	await cleanUp();
	await failed('release:rehearse', error);
});
