// @ts-check
'use strict';

// Before the compatibility tests: build the package and make sure each older n8n release and its
// Node.js are in .cache (the first time this installs them, minutes each, printing progress).

const { build } = require('../../scripts/lib/build');
const { COMPAT, ensureN8n, ensureNode } = require('../../scripts/lib/runtime');

module.exports = async function globalSetup() {
	process.stdout.write('\n');
	build();
	// Each Node.js once, then the n8n releases side by side: their downloads overlap their builds.
	for (const node of new Set(COMPAT.map((release) => release.node))) await ensureNode(node);
	await Promise.all(COMPAT.map((release) => ensureN8n(release)));
};
