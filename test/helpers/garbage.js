// @ts-check
'use strict';

// Garbage collection on demand, for tests of what stays reachable (kept out of the TypeScript
// tests, which the n8n linter holds to the rules of a node's own code).

const { setFlagsFromString } = require('node:v8');
const { runInNewContext } = require('node:vm');

setFlagsFromString('--expose-gc');
const gc = /** @type {() => void} */ (runInNewContext('gc'));

/** Collects garbage once the current job is over (weak references hold until then). */
async function collectGarbage() {
	await new Promise((resolve) => setImmediate(resolve));
	gc();
}

module.exports = { collectGarbage };
