// @ts-check
'use strict';

// Before the queue-mode tests: the build, n8n and Node 24 in .cache, Redis and PostgreSQL.

const e2eSetup = require('../e2e/globalSetup');
const { ensureServices } = require('../../scripts/lib/queueServices');

module.exports = async function globalSetup() {
	await e2eSetup();
	ensureServices();
};
