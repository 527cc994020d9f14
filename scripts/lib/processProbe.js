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
	/** Timers of a minute or more set from the package's code that have neither fired nor been cleared. */
	const longTimers = new Set();
	const fromPackage = () => {
		const limit = Error.stackTraceLimit;
		Error.stackTraceLimit = 50;
		const stack = new Error().stack ?? '';
		Error.stackTraceLimit = limit;
		// (n8n maps stacks through source maps: a frame may name dist/...js or the .ts it came from.)
		return /[\\/]n8n-nodes-bizkithub[\\/]/.test(stack);
	};
	const originalSetTimeout = global.setTimeout;
	const originalClearTimeout = global.clearTimeout;
	global.setTimeout = /** @type {typeof setTimeout} */ (
		/** @type {unknown} */ (
			(/** @type {(...args: any[]) => void} */ callback, /** @type {number} */ ms, ...args) => {
				if (!(Number(ms) >= 60000) || !fromPackage())
					return originalSetTimeout(callback, ms, ...args);
				const timer = originalSetTimeout(
					(...callbackArgs) => {
						longTimers.delete(timer);
						callback(...callbackArgs);
					},
					ms,
					...args,
				);
				longTimers.add(timer);
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
					}),
				);
			});
		})
		.listen(Number(port), '127.0.0.1')
		.unref();
}
