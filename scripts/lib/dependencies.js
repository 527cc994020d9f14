// @ts-check
'use strict';

// The project's own dependencies, installed when they are missing or no longer match
// package-lock.json (a fresh clone, or a pull that changed them): every npm script checks this
// first, so each quick-start line works alone on a fresh clone, in any order, without a second
// `npm ci` wiping what the first installed (and what `npm run dev` keeps in node_modules/.cache).

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, npmCommand } = require('./runtime');

/** @param {string} file @returns {any} */
function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/**
 * Why `root`'s node_modules does not hold what its package-lock.json names (undefined when it
 * does), read from the record npm keeps of what it installed (node_modules/.package-lock.json).
 * Optional packages for other platforms are not installed, and need not be.
 * @param {string} root
 */
function whyInstall(root) {
	const lock = readJson(path.join(root, 'package-lock.json'));
	if (!lock?.packages) return 'package-lock.json is missing';
	const installed = readJson(path.join(root, 'node_modules', '.package-lock.json'));
	if (!installed?.packages) return 'node_modules is missing';
	for (const [location, entry] of Object.entries(lock.packages)) {
		if (location === '' || entry.link) continue;
		const present = installed.packages[location];
		if (!present) {
			if (entry.optional) continue;
			return `${location.replace(/^node_modules\//, '')} is not installed`;
		}
		if (present.version !== entry.version)
			return `${location.replace(/^node_modules\//, '')} is ${present.version}, package-lock.json says ${entry.version}`;
	}
	return undefined;
}

/** Runs `npm ci` in the project when its dependencies are not what package-lock.json says. */
function ensureDependencies() {
	const why = whyInstall(ROOT);
	if (!why) return;
	process.stderr.write(
		`[bizkithub] installing the project's dependencies first (npm ci: ${why}); about 2 minutes\n`,
	);
	const [command, prefix] = npmCommand();
	const result = spawnSync(command, [...prefix, 'ci'], { cwd: ROOT, stdio: 'inherit' });
	if (result.status !== 0) {
		process.stderr.write('[bizkithub] npm ci failed (see above)\n');
		process.exit(result.status ?? 1);
	}
}

module.exports = { whyInstall, ensureDependencies };
