// @ts-check
'use strict';

// Before the compatibility tests: build the package and make sure each older n8n release and its
// Node.js are in .cache (the first time this installs them, minutes each, printing progress).

const { build } = require('../../scripts/lib/build');
const { COMPAT, ensureN8n } = require('../../scripts/lib/runtime');

module.exports = async function globalSetup() {
	process.stdout.write('\n');
	build();
	for (const release of COMPAT) await ensureN8n(release);
};
