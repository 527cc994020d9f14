// @ts-check
'use strict';

// Runs an npm script of this project the way a person does in a terminal, in a process group of
// its own, so that a test can press Ctrl-C (SIGINT to the whole group) or send a signal to the npm
// process alone, and read what the script printed.

const { spawn } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * @param {string} script
 * @param {string[]} [args]
 */
function startNpmScript(script, args = []) {
	const npm = spawn('npm', ['run', script, ...(args.length > 0 ? ['--', ...args] : [])], {
		cwd: ROOT,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, FORCE_COLOR: '0' },
	});
	let output = '';
	npm.stdout?.on('data', (chunk) => (output += chunk));
	npm.stderr?.on('data', (chunk) => (output += chunk));
	const exited = new Promise((resolve) =>
		npm.once('exit', (code, signal) => resolve({ code, signal })),
	);
	return {
		output: () => output,
		exited,
		/** Waits until the output matches, or fails after `timeoutMs`. @param {RegExp} pattern */
		async waitFor(pattern, timeoutMs = 300000) {
			const deadline = Date.now() + timeoutMs;
			while (Date.now() < deadline) {
				const match = output.match(pattern);
				if (match) return match;
				if (npm.exitCode !== null) break;
				await new Promise((resolve) => setTimeout(resolve, 200));
			}
			throw new Error(`npm run ${script} did not print ${pattern}:\n${output.slice(-3000)}`);
		},
		/** Ctrl-C in the terminal: SIGINT to every process of the group. */
		pressCtrlC: () => process.kill(-(npm.pid ?? 0), 'SIGINT'),
		/**
		 * A signal to the npm process only, as a process manager, an IDE's stop button or
		 * `kill <pid>` sends it. @param {'SIGINT' | 'SIGTERM'} signal
		 */
		signalNpm: (signal) => npm.kill(signal),
		/** Whatever is left of the group, killed (after a test, whatever happened). */
		killGroup: () => {
			try {
				process.kill(-(npm.pid ?? 0), 'SIGKILL');
			} catch {
				// nothing left
			}
		},
	};
}

/** Whether something accepts connections on 127.0.0.1:`port`. @param {number} port */
function listening(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** Waits until nothing listens on any of `ports`; resolves false after `timeoutMs`. @param {number[]} ports */
async function portsFreed(ports, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const open = await Promise.all(ports.map(listening));
		if (!open.includes(true)) return true;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return false;
}

module.exports = { startNpmScript, listening, portsFreed };
