// @ts-check
'use strict';

// What a piece of work may leave behind in the process: for tests that check a wait is over
// once it returns.

const { getEventListeners } = require('node:events');

/** How many timers the process has running. */
function activeTimers() {
	return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
}

/** How many listeners wait for `signal` to abort. @param {AbortSignal} signal */
function abortListeners(signal) {
	return getEventListeners(signal, 'abort').length;
}

module.exports = { activeTimers, abortListeners };
