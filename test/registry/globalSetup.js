// @ts-check
'use strict';

// Before the registry tests: n8n and Node 24 in .cache (the first time this installs n8n, which
// takes minutes and prints its progress).

const { ensureN8n } = require('../../scripts/lib/runtime');

module.exports = async function globalSetup() {
	process.stdout.write('\n');
	await ensureN8n();
};
