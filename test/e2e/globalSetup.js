// @ts-check
'use strict';

// Before the end-to-end tests: build the package and make sure n8n and Node 24 are in .cache
// (the first time this installs n8n, which takes minutes and prints its progress).

const { build } = require('../../scripts/lib/build');
const { ensureN8n } = require('../../scripts/lib/runtime');

module.exports = async function globalSetup() {
	process.stdout.write('\n');
	build();
	await ensureN8n();
};
