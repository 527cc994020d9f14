// @ts-check
'use strict';

const net = require('node:net');

/** A TCP port on 127.0.0.1 that nothing listens on right now. @returns {Promise<number>} */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

module.exports = { freePort };
