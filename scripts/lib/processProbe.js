// @ts-check
'use strict';

// Loaded into the n8n process of the bench's soak (`NODE_OPTIONS=--expose-gc --require <this>`):
// answers GET on 127.0.0.1 at the port BIZKITHUB_SOAK_PROBE_PORT names with that process's heap after
// a full garbage collection and the CPU time it has used. Bench-only: never part of the package.

const http = require('node:http');

const port = process.env.BIZKITHUB_SOAK_PROBE_PORT;
// Processes n8n starts (its task runner) inherit NODE_OPTIONS, not the port: they stay silent.
delete process.env.BIZKITHUB_SOAK_PROBE_PORT;

if (port) {
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
					}),
				);
			});
		})
		.listen(Number(port), '127.0.0.1')
		.unref();
}
