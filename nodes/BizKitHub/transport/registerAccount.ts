import type { ICredentialsDecrypted, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { RegisterAccountBody } from '../validation/validateCustomer';
import { classifyResponse, type RegisterOutcome } from './classifyResponse';

export const CREDENTIAL_TYPE = 'bizKitHubApi';
export const REGISTER_ACCOUNT_PATH = '/api/v1/customer/register-account';

export interface RequestSettings {
	baseUrl: string;
	/** The run's credential, read once, so that n8n does not load and decrypt it for every request. */
	credentials: ICredentialsDecrypted;
	/** Milliseconds before a request is abandoned; undefined leaves n8n's default. */
	timeout?: number;
}

/** A request that got no HTTP answer at all (refused, reset, timed out, name not found). */
export interface NoAnswer {
	kind: 'failed';
	httpCode?: undefined;
	platformCode?: undefined;
	message: string;
	cause: string;
}

export function joinUrl(baseUrl: string, path: string): string {
	return `${baseUrl.trim().replace(/\/+$/, '')}${path}`;
}

function errorCodeOf(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/** Names a request failure without echoing the error itself, which may carry the request URL. */
function describeNoAnswer(error: unknown, url: string): NoAnswer {
	const code = errorCodeOf(error) ?? 'UNKNOWN';
	const reason =
		code === 'ECONNREFUSED'
			? 'the connection was refused'
			: code === 'ECONNRESET'
				? 'the connection was reset'
				: code === 'ETIMEDOUT' || code === 'ECONNABORTED'
					? 'the request timed out'
					: code === 'ENOTFOUND' || code === 'EAI_AGAIN'
						? 'the host name could not be resolved'
						: 'no answer came back';
	// The code stays out of the message: n8n replaces a message naming ECONNRESET & co. with its own.
	return {
		kind: 'failed',
		message: `BizKitHub could not be reached at ${url}: ${reason}`,
		cause: code,
	};
}

/** One attempt: what its answer means, and what the answer said about the rate limit. */
export interface Attempt {
	outcome: RegisterOutcome | NoAnswer;
	headers?: Record<string, unknown>;
}

/** Sends one registration and says what its answer means; never throws for a network failure. */
export async function registerAccount(
	context: IExecuteFunctions,
	body: RegisterAccountBody,
	settings: RequestSettings,
): Promise<Attempt> {
	const url = joinUrl(settings.baseUrl, REGISTER_ACCOUNT_PATH);
	const request: IHttpRequestOptions = {
		method: 'POST',
		url,
		body,
		headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// The API does not redirect. A redirect (a proxy's, say) would carry the customer's password
		// elsewhere; it is reported as the failure it is. Following none also skips a layer of work.
		disableFollowRedirect: true,
		timeout: settings.timeout,
	};
	let response: { statusCode: number; body: unknown; headers?: Record<string, unknown> };
	try {
		response = await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			request,
			{
				credentialsDecrypted: settings.credentials,
			},
		);
	} catch (error) {
		return { outcome: describeNoAnswer(error, url) };
	}
	const text =
		typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
	return {
		outcome: classifyResponse({ statusCode: response.statusCode, body: text }),
		headers: response.headers,
	};
}
