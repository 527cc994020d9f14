// @ts-check
'use strict';

// Whether an object can be garbage-collected: for tests that check nothing of a finished piece of
// work (an attempt, a wait) is kept alive by something that lives as long as n8n does.

const v8 = require('node:v8');
const vm = require('node:vm');

v8.setFlagsFromString('--expose-gc');
/** @type {() => void} */
const gc = vm.runInNewContext('gc');

/**
 * Runs the queued callbacks, collects garbage a few times, and says whether the object behind
 * `ref` is gone.
 * @param {WeakRef<object>} ref
 */
async function isCollected(ref) {
	for (let round = 0; round < 5 && ref.deref() !== undefined; round++) {
		await new Promise((resolve) => setImmediate(resolve));
		gc();
	}
	return ref.deref() === undefined;
}

module.exports = { isCollected };
