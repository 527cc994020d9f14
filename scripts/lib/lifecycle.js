// @ts-check
'use strict';

// Ends what a script started, however the script ends: Ctrl-C (SIGINT), SIGTERM, SIGHUP, or the
// process that started it going away (`npm run` killed with SIGTERM kills only its shell, and the
// script would otherwise live on with n8n and the sandbox on their ports). The n8n processes a
// script started are stopped first, then its clean-ups run (a temporary folder is removed only
// once no n8n writes into it), then the script exits.

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
/** @type {Array<() => unknown>} */
const cleanUps = [];
let installed = false;
let ending = false;

/** How long a stopped child gets to exit before it is killed. */
const CHILD_GRACE_MS = 15000;
/** How often the script checks that whoever started it is still there. */
const PARENT_CHECK_MS = 1000;
/**
 * A signal this soon after the first is the same one again: Ctrl-C in a terminal reaches the
 * script from the terminal and once more from npm, which forwards the signals it gets to the
 * script (its npm script `exec`s node, so that a signal sent to npm alone reaches the script too).
 */
const ECHO_MS = 1000;
let firstSignalAt = 0;

/**
 * Stops a started process with the script: on any way out it gets SIGTERM, and SIGKILL if it has
 * not exited after a grace period (or at once, if the script is exiting already).
 * @template {import('node:child_process').ChildProcess} T
 * @param {T} child
 * @returns {T}
 */
function track(child) {
	children.add(child);
	child.once('exit', () => children.delete(child));
	return child;
}

/**
 * Runs `cleanUp` on the way out, after the tracked processes have stopped. Returns a function
 * that runs it now instead, for the script's own normal end; it runs once, and whoever calls it
 * while it runs waits for it to finish.
 * @param {() => unknown} cleanUp
 * @returns {() => Promise<void>}
 */
function onExit(cleanUp) {
	/** @type {Promise<void> | undefined} */
	let running;
	const once = () =>
		(running ??= Promise.resolve()
			.then(cleanUp)
			.then(() => undefined));
	cleanUps.push(once);
	installHandlers();
	return once;
}

/**
 * The end of a script whose main part threw: says `<what> failed` and exits 1, unless the script
 * is being stopped on purpose (then what failed was n8n being stopped, and the clean-up exits when
 * it is done). Ctrl-C reaches n8n too, and its exit may be seen before this process's own signal:
 * the signal gets a moment first.
 * @param {string} what
 * @param {Error} error
 */
async function failed(what, error) {
	await new Promise((resolve) => setTimeout(resolve, 250));
	if (ending) return;
	console.error(`${what} failed: ${error.message}`);
	process.exit(1);
}

/** @param {import('node:child_process').ChildProcess} child */
function exited(child) {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => child.once('exit', () => resolve(undefined)));
}

/** Stops every tracked process: SIGTERM, then SIGKILL after the grace period. */
async function stopChildren(graceMs = CHILD_GRACE_MS) {
	const running = [...children];
	for (const child of running) child.kill('SIGTERM');
	const timer = setTimeout(() => {
		for (const child of running) child.kill('SIGKILL');
	}, graceMs);
	await Promise.all(running.map(exited));
	clearTimeout(timer);
}

/**
 * Stops everything and exits with `code`; a second call while stopping changes nothing.
 * @param {number} code
 * @param {string} why
 */
async function end(code, why) {
	if (ending) return;
	ending = true;
	process.stderr.write(`\n[bizkithub] ${why}: stopping what was started\n`);
	try {
		await stopChildren();
		for (const cleanUp of cleanUps.reverse()) {
			try {
				await cleanUp();
			} catch (error) {
				process.stderr.write(`[bizkithub] clean-up failed: ${error.message}\n`);
			}
		}
	} finally {
		process.exit(code);
	}
}

/**
 * A signal: the first stops everything in order; a second one of the user's (Ctrl-C again, after
 * ECHO_MS) does not wait, killing what is left.
 * @param {number} code
 * @param {string} why
 */
function signalled(code, why) {
	if (!ending) {
		firstSignalAt = Date.now();
		return void end(code, why);
	}
	if (Date.now() - firstSignalAt < ECHO_MS) return;
	for (const child of children) child.kill('SIGKILL');
	process.exit(code);
}

function installHandlers() {
	if (installed) return;
	installed = true;
	process.on('SIGINT', () => signalled(130, 'interrupted'));
	process.on('SIGTERM', () => signalled(143, 'terminated'));
	process.on('SIGHUP', () => signalled(129, 'the terminal closed'));
	// npm killed with SIGTERM takes its shell with it, not this script: noticed here. Once the
	// script is stopping (after Ctrl-C, npm goes at once), its parent going is no news.
	const parent = process.ppid;
	setInterval(() => {
		if (process.ppid !== parent) void end(143, 'the process that started this one ended');
	}, PARENT_CHECK_MS).unref();
	// Whatever still runs when the script exits on its own (an uncaught error) is not left behind.
	process.on('exit', () => {
		for (const child of children) child.kill('SIGKILL');
	});
}

module.exports = { track, onExit, failed, stopChildren };
