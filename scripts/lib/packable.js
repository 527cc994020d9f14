// @ts-check
'use strict';

// Whether the project can be packed: the build the package.json's n8n section points at is there,
// and no source file is newer than it. A package packed without it has no node at all (npm packs
// README, LICENSE and package.json without a word), and n8n then says "Unrecognized node type".

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** @param {string} folder @returns {number} the newest modification time of a .ts or .json file */
function newestSource(folder) {
	let newest = 0;
	for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
		const full = path.join(folder, entry.name);
		if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
		else if (/\.(ts|json|svg)$/.test(entry.name))
			newest = Math.max(newest, fs.statSync(full).mtimeMs);
	}
	return newest;
}

/** The built files n8n loads, as package.json names them. */
function builtFiles() {
	const { n8n } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	return [...n8n.nodes, ...n8n.credentials];
}

/** Why the project cannot be packed as it is, or undefined when it can. */
function whyNotPackable() {
	const missing = builtFiles().filter((file) => !fs.existsSync(path.join(ROOT, file)));
	if (missing.length > 0) return `${missing.join(', ')} missing: the package is not built`;
	const builtAt = Math.min(
		...builtFiles().map((file) => fs.statSync(path.join(ROOT, file)).mtimeMs),
	);
	const sources = ['nodes', 'credentials'].map((folder) => newestSource(path.join(ROOT, folder)));
	if (Math.max(...sources) > builtAt) return 'the build is older than the source: it is stale';
	return undefined;
}

/**
 * What a user's n8n needs from the tarball: the node and credential built under dist/nodes and
 * dist/credentials (code, type declarations, descriptions, icons), dist's index and package.json,
 * and the package's own package.json, README, CHANGELOG and LICENSE. Files of the tarball beyond
 * that are unwanted: the build's source maps, and images of the README and the benchmark that
 * n8n-node build copies into dist with the node's icons.
 * @param {string[]} files paths in the tarball
 */
function unwantedFiles(files) {
	const wanted = [
		/^(package\.json|README\.md|CHANGELOG\.md|LICENSE)$/,
		/^dist\/(index\.(js|d\.ts)|package\.json)$/,
		/^dist\/(nodes|credentials)\/.+\.(js|d\.ts|json|svg|png)$/,
	];
	return files.filter((file) => !wanted.some((pattern) => pattern.test(file)));
}

module.exports = { builtFiles, unwantedFiles, whyNotPackable };

if (require.main === module) {
	const why = whyNotPackable();
	if (why) {
		process.stderr.write(
			`\nn8n-nodes-bizkithub cannot be packed: ${why}.\nRun \`npm run pack\` (it builds, packs and checks the tarball), or \`npm run build\` first.\n\n`,
		);
		process.exit(1);
	}
}
