// @ts-check
'use strict';

// A small Node process with the process probe (scripts/lib/processProbe.js) loaded, laid out as n8n
// runs the package: the package under node_modules/n8n-nodes-bizkithub, n8n's wait helper under
// node_modules/n8n-workflow (from @n8n/utils, as in 2.x), n8n's own code under node_modules/n8n-core. Each sets timers of a
// minute or more, so a test can check which of them the probe counts as the package's.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { freePort } = require('../../scripts/lib/ports');

const MODULES = {
	// (n8n-workflow 2.x takes its sleep from @n8n/utils.)
	'@n8n/utils/sleep.js': `exports.sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));`,
	'n8n-workflow/index.js': `exports.sleep = require('@n8n/utils/sleep.js').sleep;`,
	'n8n-core/index.js': `exports.getCredentials = () => { setTimeout(() => {}, 3600001); return {}; };`,
	'n8n-nodes-bizkithub/index.js': `
		const { sleep } = require('n8n-workflow');
		const core = require('n8n-core');
		exports.run = () => {
			setTimeout(() => {}, 120000); // the package's own
			void sleep(90000); // through n8n's wait helper, called by the package
			clearTimeout(setTimeout(() => {}, 70000)); // cleared at once
			setTimeout(() => {}, 1000); // shorter than a minute
			core.getCredentials(); // n8n's cache timer, set while serving the package
		};`,
};

/** Starts the process; `probe()` reads it, `stop()` ends it and removes its files. */
async function startProbedScript() {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bizkithub-probe-'));
	for (const [file, source] of Object.entries(MODULES)) {
		const target = path.join(folder, 'node_modules', file);
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.writeFileSync(target, source);
	}
	fs.writeFileSync(
		path.join(folder, 'main.js'),
		`require('n8n-nodes-bizkithub').run(); setInterval(() => {}, 1000);`,
	);
	const port = await freePort();
	const child = spawn(
		process.execPath,
		[
			'--expose-gc',
			'--require',
			path.join(__dirname, '../../scripts/lib/processProbe.js'),
			'main.js',
		],
		{ cwd: folder, env: { ...process.env, BIZKITHUB_PROBE_PORT: String(port) }, stdio: 'ignore' },
	);
	const probe = async () =>
		/** @type {import('../../scripts/lib/n8n').ProbeReading} */ (
			await (await fetch(`http://127.0.0.1:${port}/`)).json()
		);
	const stop = () => {
		child.kill('SIGKILL');
		fs.rmSync(folder, { recursive: true, force: true });
	};
	for (let attempt = 0; ; attempt++) {
		try {
			await probe();
			return { probe, stop };
		} catch (error) {
			if (attempt >= 100 || child.exitCode !== null) {
				stop();
				throw error;
			}
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}
}

module.exports = { startProbedScript };
