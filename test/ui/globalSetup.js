// @ts-check
'use strict';

// Before the editor tests: the build, n8n and Node 24 in .cache, and Debian's Chromium.

const e2eSetup = require('../e2e/globalSetup');
const { ensureChromium } = require('./helpers/browser');

module.exports = async function globalSetup() {
	await e2eSetup();
	ensureChromium();
};
