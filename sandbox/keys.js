// @ts-check
'use strict';

/**
 * API keys the sandbox accepts. They have the documented format but say plainly that they are
 * not real secrets; no real BizKitHub key ever appears in this repository.
 */
const SANDBOX_KEYS = Object.freeze({
	/** A developer's key, rate limited as the sandbox is configured. */
	dev: 'DEV_SandboxKeyNotARealSecret0000',
	/** A production key, rate limited as the sandbox is configured. */
	prod: 'PRODSandboxKeyNotARealSecret0000',
	/** A system key: no rate limit, as in BizKitHub. */
	root: 'ROOTSandboxKeyNotARealSecret0000',
	/** Well formed, but unknown to the sandbox: answered with PUBLIC_API_KEY_DOES_NOT_EXIST. */
	unknown: 'DEV_SandboxKeyThatDoesNotExist00',
});

module.exports = { SANDBOX_KEYS };
