// @ts-check
'use strict';

const http = require('node:http');

/**
 * A local HTTPS proxy that only records where clients ask to go (the CONNECT target) and refuses
 * them. With HTTPS_PROXY pointing at it, a test sees which host a request was meant for without
 * any traffic leaving 127.0.0.1. (JavaScript: the n8n linter forbids `process` and `node:http`
 * in TypeScript files.)
 * @template T
 * @param {() => Promise<T>} run
 * @returns {Promise<{ targets: string[], result: T }>}
 */
async function withConnectRecorder(run) {
	/** @type {string[]} */
	const targets = [];
	const proxy = http.createServer((_req, res) => res.writeHead(405).end());
	proxy.on('connect', (req, socket) => {
		targets.push(String(req.url));
		socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
	});
	await new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve(undefined)));
	const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, NO_PROXY: process.env.NO_PROXY };
	const address = /** @type {import('node:net').AddressInfo} */ (proxy.address());
	process.env.HTTPS_PROXY = `http://127.0.0.1:${address.port}`;
	delete process.env.NO_PROXY;
	try {
		return { targets, result: await run() };
	} finally {
		for (const [name, value] of Object.entries(saved)) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
		proxy.closeAllConnections();
		await new Promise((resolve) => proxy.close(resolve));
	}
}

module.exports = { withConnectRecorder };
