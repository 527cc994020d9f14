// @ts-check
'use strict';

/**
 * Sets environment variables that n8n reads its settings from, for the test file that calls it.
 * Jest gives each test file its own process.env and its own copy of n8n-core, and n8n reads the
 * settings of its SSRF protection (N8N_SSRF_*) when a request first needs them: called at the top
 * of a test file, this is early enough, and no other file sees the change.
 * @param {Record<string, string>} variables
 */
function setN8nEnv(variables) {
	Object.assign(process.env, variables);
}

module.exports = { setN8nEnv };
