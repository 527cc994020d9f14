// @ts-check
'use strict';

// `npm run dev`: the n8n editor on http://localhost:5678 with this package loaded as a community
// package, the sandbox on http://127.0.0.1:8787, a "BizKitHub sandbox" credential and the example
// workflows ready. Ctrl-C (or SIGTERM, also to the npm process) stops everything it started.
//   --port 5678 (n8n)   --sandbox-port 8787   --user-folder <n8n user folder>

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { DEMO_CRM_CONTACTS } = require('../sandbox/demoCrmContacts');
const { DEMO_CUSTOMERS } = require('../sandbox/demoCustomers');
const { EXAMPLE_FILES, startSandbox } = require('../sandbox/server');
const { build } = require('./lib/build');
const { exampleText, exampleWorkflow, exampleWorkflowFiles } = require('./lib/examples');
const { installInto } = require('./lib/installPackage');
const {
	answersReadiness,
	importCredentials,
	importWorkflows,
	n8nEnvironment,
	publishWorkflow,
	waitUntilReady,
} = require('./lib/n8n');
const { localOwner, request, signIn } = require('./lib/owner');
const { failed, onExit, track } = require('./lib/lifecycle');
const { freePort } = require('./lib/ports');
const { showWithoutStartupNotices } = require('./lib/n8nNotices');
const { ROOT, ensureN8n, log } = require('./lib/runtime');
const { sandboxCredential } = require('./lib/sandboxCredential');

const NODE_TYPE = 'n8n-nodes-bizkithub.bizKitHub';

/**
 * The editor's n8n keeps its data (owner, credentials, edits to the examples) here between runs.
 * Under node_modules/.cache, where caches of build tools go, because n8n writes its editor's
 * bundle (a thousand JavaScript files) into the user folder and ESLint, TypeScript and jest leave
 * node_modules alone; `npm ci` starts it afresh.
 */
const DEV_USER_FOLDER = path.join(ROOT, 'node_modules', '.cache', 'n8n-nodes-bizkithub', 'dev-n8n');

/**
 * Imports the example workflows that are new or changed since the last start (edits made in the
 * editor to the others survive), and publishes those with a webhook so it answers at once.
 */
async function importChangedExamples(runtime, userFolder, sandboxUrl) {
	const recordFile = path.join(userFolder, 'imported-examples.json');
	const record = fs.existsSync(recordFile) ? JSON.parse(fs.readFileSync(recordFile, 'utf8')) : {};
	const changed = [];
	for (const file of exampleWorkflowFiles()) {
		const hash = crypto
			.createHash('sha256')
			.update(`${exampleText(file)}\n${sandboxUrl}`)
			.digest('hex');
		if (record[file] !== hash) {
			changed.push(exampleWorkflow(file, sandboxUrl));
			record[file] = hash;
		}
	}
	if (changed.length > 0) {
		await importWorkflows(runtime, userFolder, changed);
		for (const workflow of changed) {
			if (workflow.nodes.some((node) => node.type === 'n8n-nodes-base.webhook')) {
				await publishWorkflow(runtime, userFolder, workflow.id);
			}
		}
		log(`imported ${changed.map((workflow) => `"${workflow.name}"`).join(', ')}`);
	}
	fs.writeFileSync(recordFile, `${JSON.stringify(record, null, 2)}\n`);
}

/**
 * Earlier versions kept the editor's data in .cache/dev-n8n, where ESLint then read n8n's editor
 * bundle on every lint (a minute and gigabytes). It moves to the new place once.
 * @param {string} userFolder
 */
function moveOldUserFolder(userFolder) {
	const old = path.join(ROOT, '.cache', 'dev-n8n');
	if (userFolder !== DEV_USER_FOLDER || !fs.existsSync(old) || fs.existsSync(userFolder)) return;
	fs.mkdirSync(path.dirname(userFolder), { recursive: true });
	fs.renameSync(old, userFolder);
	log(`moved the editor's data from .cache/dev-n8n to ${path.relative(ROOT, userFolder)}`);
}

/**
 * Starts the sandbox and n8n with the package installed; resolves once the editor answers and
 * lists the BizKitHub node. Returns how to reach them and a `stop()` that ends both.
 */
async function startDev({
	port = 5678,
	sandboxPort = 8787,
	userFolder = DEV_USER_FOLDER,
	rebuild = true,
	showN8nOutput = true,
} = {}) {
	if (rebuild) build();
	moveOldUserFolder(userFolder);
	const runtime = await ensureN8n();
	const sandbox = await startSandbox({
		port: sandboxPort,
		customers: DEMO_CUSTOMERS,
		files: EXAMPLE_FILES,
		crmContacts: DEMO_CRM_CONTACTS,
	});
	let child;
	const stop = async () => {
		if (child && child.exitCode === null) {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
			await exited;
			clearTimeout(timer);
		}
		await sandbox.close();
	};
	try {
		fs.mkdirSync(userFolder, { recursive: true });
		installInto(userFolder);
		await importCredentials(runtime, userFolder, [sandboxCredential(sandbox.url)]);
		await importChangedExamples(runtime, userFolder, sandbox.url);

		const url = `http://localhost:${port}`;
		log(`starting n8n ${url} (user folder ${path.relative(ROOT, userFolder) || userFolder})`);
		const output = showN8nOutput ? 'pipe' : 'ignore';
		child = track(
			spawn(runtime.node, [runtime.n8n, 'start'], {
				env: n8nEnvironment(userFolder, {
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
					N8N_PORT: String(port),
					N8N_HOST: 'localhost',
					N8N_LISTEN_ADDRESS: '127.0.0.1',
				}),
				stdio: ['ignore', output, output],
			}),
		);
		if (child.stdout) showWithoutStartupNotices(child.stdout, process.stdout);
		if (child.stderr) showWithoutStartupNotices(child.stderr, process.stderr);
		// (Its output is on the terminal already.)
		await waitUntilReady(
			`n8n at ${url}`,
			async () => (await answersReadiness(url)) || 'its readiness check does not answer yet',
			[{ name: 'n8n', child, output: () => '' }],
		);

		const owner = localOwner(userFolder);
		const cookie = await signIn(url, owner);
		const types = await request(url, 'GET', '/types/nodes.json', { cookie });
		const listed = Array.isArray(types.json) && types.json.some((type) => type.name === NODE_TYPE);
		if (!listed) throw new Error(`n8n is up, but ${NODE_TYPE} is not in its node list`);
		return { url, sandbox, owner, cookie, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** @param {string} name */
function option(name) {
	const at = process.argv.indexOf(`--${name}`);
	return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main() {
	/** @type {{ stop(): Promise<void> } | undefined} */
	let started;
	// Set up before anything starts: a Ctrl-C while n8n is still starting stops it too.
	onExit(async () => await started?.stop());
	const dev = await startDev({
		port: Number(option('port') ?? 5678),
		sandboxPort: Number(option('sandbox-port') ?? 8787),
		userFolder: option('user-folder') ? path.resolve(String(option('user-folder'))) : undefined,
	});
	started = dev;
	console.log('');
	console.log(`  n8n editor      ${dev.url}   (BizKitHub is in the node list)`);
	console.log(
		`  sign in as      ${dev.owner.email} / ${dev.owner.password}   (a local account of this machine)`,
	);
	console.log(`  sandbox         ${dev.sandbox.url}   (credential "BizKitHub sandbox" is ready)`);
	console.log(
		'  workflows       open "BizKitHub demo: register a mixed batch" and click Execute workflow',
	);
	console.log(
		`  sign-up webhook curl -X POST ${dev.url}/webhook/register-customer -H 'Content-Type: application/json' \\`,
	);
	console.log(
		`                    -d '{"email": "you@example.com", "password": "choose-one", "firstName": "You"}'`,
	);
	console.log('  Ctrl-C stops n8n and the sandbox.');
	console.log('');
}

module.exports = { startDev };

if (require.main === module) {
	main().catch((error) => failed('dev', error));
}
