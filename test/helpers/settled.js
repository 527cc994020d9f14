// @ts-check
'use strict';

/**
 * Resolves once every promise callback already queued has run (setImmediate comes after them):
 * for tests that check what a gate let go without any answer coming back.
 */
function settled() {
	return new Promise((resolve) => setImmediate(resolve));
}

module.exports = { settled };
