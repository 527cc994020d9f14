// @ts-check
'use strict';

// Loaded into an n8n process by the soak bench and the compatibility tests
// (`NODE_OPTIONS=--expose-gc --require <this>`): answers GET on 127.0.0.1 at the port
// BIZKITHUB_PROBE_PORT names with that process's heap after a full garbage collection, the CPU
// time it has used, and how many timers of a minute or more that the package's own code set are
// pending (a wait that Stop did not end). For measuring and testing only: never part of the package.

const http = require('node:http');
const util = require('node:util');

const port = process.env.BIZKITHUB_PROBE_PORT;
// Processes n8n starts (its task runner) inherit NODE_OPTIONS, not the port: they stay silent.
delete process.env.BIZKITHUB_PROBE_PORT;

if (port) {
	/**
	 * Timers of a minute or more set from the package's code that have neither fired nor been
	 * cleared, each with the top of the stack that set it (for a failure to show).
	 */
	const longTimers = new Map();
	const PACKAGE = /[\\/]n8n-nodes-bizkithub[\\/]/;
	// What the package calls to wait (n8n-workflow's sleep, which 2.x takes from @n8n/utils): a
	// timer these set is the package's if the package called them.
	const WAIT_HELPERS =
		/[\\/]n8n-workflow[\\/]|[\\/]@n8n[\\/]utils[\\/]|\(node:|^node:|<anonymous>|processProbe\.js/;
	/**
	 * The stack that is setting a timer, if the timer is the package's: set by the package's own
	 * code or by a wait helper (n8n-workflow's sleep) the package called. A timer n8n sets while
	 * serving a call from the package (say a cache's expiry during getCredentials) is n8n's.
	 */
	const packageStack = () => {
		const limit = Error.stackTraceLimit;
		Error.stackTraceLimit = 50;
		const stack = new Error().stack ?? '';
		Error.stackTraceLimit = limit;
		const frames = stack
			.split('\n')
			.slice(1)
			.map((line) => line.trim().replace(/^at /, ''));
		const setter = frames.find((frame) => !WAIT_HELPERS.test(frame));
		// (n8n maps stacks through source maps: a frame may name dist/...js or the .ts it came from.)
		if (!setter || !PACKAGE.test(setter)) return undefined;
		return frames
			.filter((frame) => !/processProbe\.js/.test(frame))
			.slice(0, 8)
			.map((frame) => frame.replace(/\(.*[\\/]n8n-nodes-bizkithub[\\/]/, '('));
	};
	const originalSetTimeout = global.setTimeout;
	const originalClearTimeout = global.clearTimeout;
	global.setTimeout = /** @type {typeof setTimeout} */ (
		/** @type {unknown} */ (
			(/** @type {(...args: any[]) => void} */ callback, /** @type {number} */ ms, ...args) => {
				const frames = Number(ms) >= 60000 ? packageStack() : undefined;
				if (!frames) return originalSetTimeout(callback, ms, ...args);
				const timer = originalSetTimeout(
					(...callbackArgs) => {
						longTimers.delete(timer);
						callback(...callbackArgs);
					},
					ms,
					...args,
				);
				longTimers.set(timer, { ms: Number(ms), frames });
				return timer;
			}
		)
	);
	// util.promisify(setTimeout) keeps working as before.
	/** @type {any} */ (global.setTimeout)[util.promisify.custom] = /** @type {any} */ (
		originalSetTimeout
	)[util.promisify.custom];
	global.clearTimeout = (/** @type {any} */ timer) => {
		longTimers.delete(timer);
		originalClearTimeout(timer);
	};

	const collect = /** @type {(() => void) | undefined} */ (/** @type {any} */ (global).gc);
	http
		.createServer((_request, response) => {
			// Twice, a moment apart: what the first frees may hold more that only the second can.
			collect?.();
			setImmediate(() => {
				collect?.();
				const memory = process.memoryUsage();
				const cpu = process.cpuUsage();
				response.setHeader('Content-Type', 'application/json');
				response.end(
					JSON.stringify({
						collected: collect !== undefined,
						heapUsed: memory.heapUsed,
						rss: memory.rss,
						cpuMicros: cpu.user + cpu.system,
						longTimers: longTimers.size,
						longTimerSites: [...longTimers.values()],
					}),
				);
			});
		})
		.listen(Number(port), '127.0.0.1')
		.unref();
}
