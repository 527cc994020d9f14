// @ts-check
'use strict';

// The example workflows in examples/, as text and as workflows pointed at a running sandbox.

const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('./runtime');

const EXAMPLES = path.join(ROOT, 'examples');

/** The sandbox address the examples are written for (`npm run sandbox`'s default). */
const EXAMPLES_SANDBOX_URL = 'http://127.0.0.1:8787';

/** The file names of the example workflows, sorted. */
function exampleWorkflowFiles() {
	return fs
		.readdirSync(EXAMPLES)
		.filter((name) => name.endsWith('-workflow.json'))
		.sort();
}

function exampleText(file) {
	return fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
}

/**
 * An example workflow pointed at the sandbox at `sandboxUrl` instead of the default one.
 * @param {string} file
 * @param {string} sandboxUrl
 */
function exampleWorkflow(file, sandboxUrl) {
	return JSON.parse(exampleText(file).split(EXAMPLES_SANDBOX_URL).join(sandboxUrl));
}

module.exports = { exampleWorkflowFiles, exampleText, exampleWorkflow };
