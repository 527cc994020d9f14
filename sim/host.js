// @ts-check
'use strict';

// What the simulator needs of Node.js itself, kept out of its TypeScript, which the n8n linter
// holds to the rules of a node's own code.

const { getEventListeners, setMaxListeners } = require('node:events');

/** Resolves after every pending promise callback has run (the next turn of the event loop). */
function nextTurn() {
	return new Promise((resolve) => setImmediate(resolve));
}

/** How many abort listeners a signal holds. */
function abortListeners(/** @type {AbortSignal} */ signal) {
	return getEventListeners(signal, 'abort').length;
}

/** As n8n's WorkflowExecute does with its execution's signal: no limit on its listeners. */
function unlimitedListeners(/** @type {AbortSignal} */ signal) {
	setMaxListeners(Number.POSITIVE_INFINITY, signal);
}

module.exports = { abortListeners, nextTurn, unlimitedListeners };
