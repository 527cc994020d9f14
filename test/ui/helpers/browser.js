// @ts-check
'use strict';

// Debian's Chromium, driven by playwright-core (no browser download: Playwright's own fails on a
// machine without general network access). Installed with apt when missing, which needs root.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');

const { chromium, selectors } = require('playwright-core');

// n8n marks its editor's elements with data-test-id.
selectors.setTestIdAttribute('data-test-id');

const CHROMIUM = '/usr/bin/chromium';

/** Flags for a headless Chromium on a machine with no network but loopback. */
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

function log(message) {
	process.stdout.write(`[bizkithub] ${message}\n`);
}

/** Installs Debian's chromium package when /usr/bin/chromium is missing. */
function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(
			`${CHROMIUM} is missing; install Debian's chromium package (sudo apt-get install chromium) and run again`,
		);
	}
	log("installing Debian's chromium package with apt-get (a minute or two, once)");
	/** @type {import('node:child_process').ExecFileSyncOptions} */
	const apt = {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	};
	execFileSync('apt-get', ['update', '-qq'], apt);
	execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], apt);
	if (!fs.existsSync(CHROMIUM))
		throw new Error(`apt-get installed chromium, but ${CHROMIUM} is missing`);
	return CHROMIUM;
}

async function launchBrowser() {
	return await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
}

module.exports = { ensureChromium, launchBrowser };
