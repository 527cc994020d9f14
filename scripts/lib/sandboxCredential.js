// @ts-check
'use strict';

const { SANDBOX_KEYS } = require('../../sandbox/keys');

/** The id the example workflows use for their "BizKitHub sandbox" credential. */
const SANDBOX_CREDENTIAL_ID = 'bizkithubSandbox';

/**
 * A "BizKitHub API" credential pointing at a running sandbox, in n8n's import format.
 * @param {string} baseUrl
 * @param {string} [apiKey]
 * @param {string} [id]
 */
function sandboxCredential(baseUrl, apiKey = SANDBOX_KEYS.dev, id = SANDBOX_CREDENTIAL_ID) {
	return { id, name: 'BizKitHub sandbox', type: 'bizKitHubApi', data: { apiKey, baseUrl } };
}

module.exports = { SANDBOX_CREDENTIAL_ID, sandboxCredential };
