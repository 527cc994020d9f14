// @ts-check
'use strict';

// A line in the test output for what a test measured (the linter keeps console and process out
// of TypeScript files).

/** @param {string} line */
function report(line) {
	process.stdout.write(`[measured] ${line}\n`);
}

module.exports = { report };
