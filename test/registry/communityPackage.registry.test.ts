/**
 * The package's life in n8n as users live it: published to a local npm registry (Verdaccio, no
 * uplink) by the release workflow's steps, installed, updated and uninstalled through n8n
 * 2.41.1's own Community Nodes API (what Settings > Community nodes calls), with the demo
 * workflow run on the installed node after each step; and n8n's vetting scanner run on the
 * published package. `--provenance`, the one publishing step that needs GitHub Actions, is left
 * out (scripts/lib/publishLocal.js).
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { DEMO_CUSTOMERS } from '../../sandbox/demoCustomers';
import { EXAMPLE_FILES, startSandbox } from '../../sandbox/server';
import { startN8nOnRegistry } from '../../scripts/lib/communityPackages';
import { exampleWorkflow } from '../../scripts/lib/examples';
import { PACKAGE_NAME } from '../../scripts/lib/installPackage';
import { startLocalRegistry } from '../../scripts/lib/localRegistry';
import * as n8n from '../../scripts/lib/n8n';
import { nextPatch, publishLocal } from '../../scripts/lib/publishLocal';
import { ensureN8n } from '../../scripts/lib/runtime';
import { sandboxCredential } from '../../scripts/lib/sandboxCredential';
import { scanPublished } from '../../scripts/lib/scanPackage';
import { BIZKITHUB_NODE } from '../../scripts/lib/workflows';
import { brokenSourceCopy } from './brokenSource';
import { listFolder, makeTempFolder, readJsonFile, removeFolder } from '../helpers/projectFiles';

const DEMO_ID = 'bizkithubDemo01';
/** Success 4, E001..E004 1 each, Invalid 3: the demo's customers, as the e2e tests assert them. */
const DEMO_OUTPUTS = [4, 1, 1, 1, 1, 3];

let registry: Awaited<ReturnType<typeof startLocalRegistry>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let runtime: Awaited<ReturnType<typeof ensureN8n>>;
let userFolder: string;
let firstVersion: string;

const modules = () => `${userFolder}/.n8n/nodes/node_modules`;

/** The demo workflow saved in n8n's database, run headless by `n8n execute` (n8n stopped). */
async function demoOutputs() {
	// A fresh sandbox on the same address: the demo's customers registered by an earlier run would
	// now be duplicates.
	const port = Number(new URL(sandbox.url).port);
	await sandbox.close();
	sandbox = await startSandbox({ customers: DEMO_CUSTOMERS, files: EXAMPLE_FILES, port });
	const { run, printed } = await n8n.executeWorkflow(runtime, userFolder, DEMO_ID);
	expect(run?.data?.resultData?.error).toBeUndefined();
	const outputs = n8n.nodeOutputs(run, BIZKITHUB_NODE) as INodeExecutionData[][];
	if (outputs.length === 0) throw new Error(`n8n did not run the node:\n${printed.slice(-3000)}`);
	return outputs.map((items) => items.length);
}

/** What n8n lists as installed, through its API. */
async function installedPackages(server: Awaited<ReturnType<typeof startN8nOnRegistry>>) {
	const answer = await server.call('GET', '/rest/community-packages');
	expect(answer.status).toBe(200);
	return (answer.json.data as Array<{ packageName: string; installedVersion: string }>).map(
		({ packageName, installedVersion }) => `${packageName}@${installedVersion}`,
	);
}

/** n8n's log lines that mention the package with an error or a warning. */
function complaintsAbout(output: string) {
	return output
		.split('\n')
		.filter((line) => line.includes(PACKAGE_NAME) && /error|warn|fail|missing/i.test(line));
}

beforeAll(async () => {
	runtime = await ensureN8n();
	registry = await startLocalRegistry();
	sandbox = await startSandbox({ customers: DEMO_CUSTOMERS, files: EXAMPLE_FILES });
	userFolder = makeTempFolder('bizkithub-registry-home-');
	// The credential and the demo workflow are saved before the package is installed, as a user
	// importing the demo would; the workflow is then run by every version.
	await n8n.importCredentials(runtime, userFolder, [sandboxCredential(sandbox.url)]);
	await n8n.importWorkflows(runtime, userFolder, [
		exampleWorkflow('demo-workflow.json', sandbox.url),
	]);
});

afterAll(async () => {
	await registry?.stop();
	await sandbox?.close();
	if (userFolder) removeFolder(userFolder);
});

test('published by the release steps, n8n installs it from the registry and runs the demo on it', async () => {
	({ version: firstVersion } = publishLocal(registry));
	const server = await startN8nOnRegistry(runtime, userFolder, registry.url);
	try {
		const installed = await server.call('POST', '/rest/community-packages', { name: PACKAGE_NAME });
		expect(installed.status).toBe(200);
		expect(installed.json.data).toMatchObject({
			packageName: PACKAGE_NAME,
			installedVersion: firstVersion,
			installedNodes: [expect.objectContaining({ name: 'BizKitHub' })],
		});
		expect(await installedPackages(server)).toEqual([`${PACKAGE_NAME}@${firstVersion}`]);
	} finally {
		await server.stop();
	}
	expect(readJsonFile(`${modules()}/${PACKAGE_NAME}/package.json`).version).toBe(firstVersion);
	expect(await demoOutputs()).toEqual(DEMO_OUTPUTS);
});

test('a patch release published to the registry updates it in n8n; the saved workflow runs the same, after a restart too', async () => {
	const { version } = publishLocal(registry, { version: nextPatch(firstVersion) });
	expect(version).not.toBe(firstVersion);
	const server = await startN8nOnRegistry(runtime, userFolder, registry.url);
	try {
		const updated = await server.call('PATCH', '/rest/community-packages', { name: PACKAGE_NAME });
		expect(updated.status).toBe(200);
		expect(updated.json.data).toMatchObject({
			packageName: PACKAGE_NAME,
			installedVersion: version,
		});
		expect(await installedPackages(server)).toEqual([`${PACKAGE_NAME}@${version}`]);
	} finally {
		await server.stop();
	}
	expect(readJsonFile(`${modules()}/${PACKAGE_NAME}/package.json`).version).toBe(version);
	expect(await demoOutputs()).toEqual(DEMO_OUTPUTS);

	// n8n restarted on the same user folder loads the updated package, and the workflow still runs.
	const restarted = await startN8nOnRegistry(runtime, userFolder, registry.url);
	try {
		expect(await installedPackages(restarted)).toEqual([`${PACKAGE_NAME}@${version}`]);
		expect(complaintsAbout(restarted.output())).toEqual([]);
	} finally {
		await restarted.stop();
	}
	expect(await demoOutputs()).toEqual(DEMO_OUTPUTS);
});

test('uninstalled through n8n, nothing of it is left and n8n starts again clean', async () => {
	const server = await startN8nOnRegistry(runtime, userFolder, registry.url);
	try {
		const removed = await server.call(
			'DELETE',
			`/rest/community-packages?name=${encodeURIComponent(PACKAGE_NAME)}`,
		);
		expect(removed.status).toBe(200);
		expect(await installedPackages(server)).toEqual([]);
	} finally {
		await server.stop();
	}
	expect(listFolder(modules()).filter((name) => name.includes('bizkithub'))).toEqual([]);
	expect(
		readJsonFile(`${userFolder}/.n8n/nodes/package.json`).dependencies ?? {},
	).not.toHaveProperty(PACKAGE_NAME);

	const restarted = await startN8nOnRegistry(runtime, userFolder, registry.url);
	try {
		expect(await installedPackages(restarted)).toEqual([]);
		expect(complaintsAbout(restarted.output())).toEqual([]);
	} finally {
		await restarted.stop();
	}
});

test("n8n's vetting scanner passes the published package, and fails one that breaks its rules", () => {
	const scan = scanPublished(registry.url, PACKAGE_NAME, firstVersion);
	expect(scan).toEqual({ passed: true, message: undefined, details: undefined });

	// The published package, with a source that logs to the console (a rule of the scanner's).
	const broken = brokenSourceCopy();
	try {
		const brokenScan = scanPublished(registry.url, PACKAGE_NAME, firstVersion, broken);
		expect(brokenScan.passed).toBe(false);
		expect(brokenScan.details).toContain('no-console');
	} finally {
		removeFolder(broken);
	}
});
