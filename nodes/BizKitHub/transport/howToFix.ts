import type { Failure } from './apiFailure';
import { SSRF_BLOCKED } from './apiRequest';

const CHECK_KEY = 'Check the API key in the BizKitHub API credential.';
const CHECK_BASE_URL =
	"Check the Base URL in the BizKitHub API credential (leave it empty for BizKitHub's own API) and that n8n can reach it.";

/**
 * n8n reads these variables when it starts (n8n 2.x): an allowed range wins over the blocked ones,
 * and an allowed host name skips the address checks and wins over N8N_SSRF_BLOCKED_HOSTNAMES (but
 * not for a Base URL that is an IP address, which only an allowed range lets through).
 */
const ALLOW_THE_ADDRESS =
	"Ask your n8n administrator to allow the Base URL's address: add its range to N8N_SSRF_ALLOWED_IP_RANGES (for example 10.1.2.3/32) or its host name to N8N_SSRF_ALLOWED_HOSTNAMES, and restart n8n. Otherwise set the Base URL in the BizKitHub API credential to an address n8n's SSRF protection allows (leave it empty for BizKitHub's own API).";

/** Network errors that mean the address itself is wrong or unreachable. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * What to do about a failure that is not a documented answer, in one sentence for the error's
 * description (after what happened). Nothing when the user stopped the execution.
 */
export function howToFix(failure: Failure): string | undefined {
	const { httpCode, platformCode, cause } = failure;
	if (platformCode === 'RATE_LIMIT_EXCEEDED') {
		return 'Send the items that were not sent again once the quota frees (with On Error set to "Continue (using error output)" they leave on the Error output with code RATE_LIMITED), raise the option Max Rate-Limit Wait, or send fewer items per run.';
	}
	if (httpCode === undefined) {
		if (cause === 'STOPPED') return undefined;
		if (cause === SSRF_BLOCKED) return ALLOW_THE_ADDRESS;
		if (cause === 'TOO_LARGE') return CHECK_BASE_URL;
		if (cause !== undefined && UNREACHABLE.has(cause)) return CHECK_BASE_URL;
		return 'BizKitHub did not answer in time: try the item again later, or raise the options Request Timeout (Ms) or Max Attempts.';
	}
	if (httpCode === 429) {
		return "The API key's rate limit kept refusing: lower the option Concurrency, or send fewer items per run.";
	}
	if (httpCode === 401 || httpCode === 403 || platformCode === 'PUBLIC_API_KEY_DOES_NOT_EXIST') {
		return CHECK_KEY;
	}
	if (httpCode >= 500) return 'BizKitHub failed on its side: try the item again later.';
	if (httpCode >= 300 && httpCode < 400) {
		return 'The Base URL answers with a redirect, which the node does not follow (it would send the password on): set the Base URL in the credential to the address of the API itself.';
	}
	return `BizKitHub refused the request. ${CHECK_BASE_URL}`;
}
