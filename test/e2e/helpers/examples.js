'use strict';

const fs = require('node:fs');
const path = require('node:path');

const EXAMPLES = path.join(__dirname, '..', '..', '..', 'examples');

/**
 * An example workflow from examples/, pointed at the sandbox the test runs instead of the one
 * `npm run sandbox` starts on port 8787.
 * @param {string} file
 * @param {string} sandboxUrl
 */
function exampleWorkflow(file, sandboxUrl) {
	const text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
	return JSON.parse(text.split('http://127.0.0.1:8787').join(sandboxUrl));
}

module.exports = { exampleWorkflow };
