// @ts-check
'use strict';

// An execution's cancel signal as n8n makes it (kept out of the TypeScript tests, which the n8n
// linter holds to the rules of a node's own code, where `node:events` may not be imported).

const { setMaxListeners } = require('node:events');

/**
 * n8n lifts the limit of listeners on an execution's signal (n8n-core's WorkflowExecute calls
 * `setMaxListeners(Infinity, signal)`): without it, more than ten waits at once print Node's
 * MaxListenersExceededWarning, which n8n's users never see.
 */
function executionSignal() {
	const { signal } = new AbortController();
	setMaxListeners(Number.POSITIVE_INFINITY, signal);
	return signal;
}

module.exports = { executionSignal };
