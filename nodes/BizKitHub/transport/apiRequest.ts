import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../api/contract';
import type { Clock } from '../sending/clock';
import { AttemptDeadline } from './attemptDeadline';
import { classifyResponse, type RegisterOutcome } from './classifyResponse';

/**
 * The most of an answer the node reads. Register-account answers a few hundred bytes; a server
 * that sends more (or a small compressed answer that inflates to a huge one) must not cost n8n
 * its memory, so reading stops here and the attempt fails.
 */
export const MAX_ANSWER_BYTES = 1024 * 1024;

export interface RequestSettings {
	baseUrl: string;
	/** The run's credential, read once, so that n8n does not load and decrypt it for every request. */
	credentials: ICredentialsDecrypted;
	/** The longest one attempt may take, the whole answer read; 0 or undefined for no limit. */
	timeout?: number;
	/** n8n's cancel signal for the execution. */
	signal?: AbortSignal;
	/** Secrets to remove from anything the server says that ends up in a message. */
	secrets?: ReadonlyArray<string | undefined>;
	/** The clock of the attempt's deadline (the simulator's virtual one); n8n's timers without it. */
	clock?: Clock;
}

export type NoAnswerCause = string;

/** A request that got no (whole) HTTP answer: refused, reset, timed out, too large, stopped. */
export interface NoAnswer {
	kind: 'failed';
	httpCode?: undefined;
	platformCode?: undefined;
	message: string;
	cause: NoAnswerCause;
}

export function joinUrl(baseUrl: string, path: string): string {
	return `${baseUrl.trim().replace(/\/+$/, '')}${path}`;
}

/** A URL as it may be shown: without user name, password, query string or fragment. */
export function displayUrl(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
	} catch {
		return 'the Base URL of the credential (it is not a valid URL)';
	}
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

const REASONS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was reset',
	ETIMEDOUT: 'the request timed out',
	ECONNABORTED: 'the request timed out',
	ENOTFOUND: 'the host name could not be resolved',
	EAI_AGAIN: 'the host name could not be resolved',
	ERR_CANCELED: 'the execution was stopped',
	TIMED_OUT: 'the request timed out',
	STOPPED: 'the execution was stopped',
	TOO_LARGE: `the answer was larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB`,
};

/** The cause of a request that n8n's SSRF protection refused to make. */
export const SSRF_BLOCKED = 'SSRF_BLOCKED';

/**
 * The names of the errors n8n's SSRF protection (n8n 2.x, N8N_SSRF_PROTECTION_ENABLED) blocks a
 * request with: SsrfBlockedIpError (the address, or an address the host name resolves to, is in a
 * blocked range) and SsrfBlockedHostnameError (the host name is on N8N_SSRF_BLOCKED_HOSTNAMES). n8n
 * sets `name` itself, so it survives minifying; it is the error's cause within n8n's NodeApiError,
 * and within an AxiosError too (which copies the name) when the check fails as the connection opens.
 */
const SSRF_ERROR_NAMES = new Set(['SsrfBlockedIpError', 'SsrfBlockedHostnameError']);

interface SsrfBlock {
	/** The blocked address, when the block is by address and n8n names one. */
	ip?: string;
	byHostname: boolean;
}

/** The errors an error wraps: itself, its cause, its cause's cause, a few levels deep. */
function causeChain(error: unknown): object[] {
	const chain: object[] = [];
	let current: unknown = error;
	while (chain.length < 5 && typeof current === 'object' && current !== null) {
		if (chain.includes(current)) break;
		chain.push(current);
		current = (current as { cause?: unknown }).cause;
	}
	return chain;
}

/** What n8n's SSRF protection said, if it is what failed the request. */
function ssrfBlockOf(error: unknown): SsrfBlock | undefined {
	// The innermost: an AxiosError around n8n's error takes its name but not its address.
	const block = causeChain(error)
		.filter((level) => SSRF_ERROR_NAMES.has(String((level as { name?: unknown }).name)))
		.pop() as { name: string; ip?: unknown } | undefined;
	if (!block) return undefined;
	// Shown only when it is plainly an IPv4 or IPv6 address.
	const ip =
		typeof block.ip === 'string' && /^[0-9a-fA-F.:]{2,45}$/.test(block.ip) ? block.ip : undefined;
	return { ip, byHostname: block.name === 'SsrfBlockedHostnameError' };
}

/**
 * A request n8n's SSRF protection blocked. It checks the address before connecting (and again
 * as the connection opens), so nothing was sent: the item cannot have been registered.
 */
function ssrfBlocked(block: SsrfBlock, url: string): NoAnswer {
	const why = block.byHostname
		? ' (its host name is on the list of blocked host names)'
		: block.ip
			? ` (the address ${block.ip} is in a blocked range)`
			: '';
	return {
		kind: 'failed',
		message: `n8n's SSRF protection blocked the request to ${displayUrl(url)}${why}, so nothing was sent`,
		cause: SSRF_BLOCKED,
	};
}

/** Names a request failure without echoing the error itself, which may carry the request URL. */
function noAnswer(code: string, url: string, timeoutMs?: number): NoAnswer {
	let reason = REASONS[code] ?? 'no answer came back';
	if (code === 'TIMED_OUT' && timeoutMs) reason = `no whole answer came within ${timeoutMs} ms`;
	// The code stays out of the message: n8n replaces a message naming ECONNRESET & co. with its own.
	const message =
		code === 'STOPPED'
			? `The execution was stopped while the request to ${displayUrl(url)} was out`
			: `BizKitHub could not be reached at ${displayUrl(url)}: ${reason}`;
	return { kind: 'failed', message, cause: code };
}

/** One attempt: what its answer means, and what the answer said about the rate limit. */
export interface Attempt {
	outcome: RegisterOutcome | NoAnswer;
	headers?: Record<string, unknown>;
}

interface BodyStream {
	destroy(error?: Error): void;
	on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
	on(event: 'end', listener: () => void): unknown;
	on(event: 'error', listener: (error: Error) => void): unknown;
	on(event: 'close', listener: () => void): unknown;
}

interface StreamedResponse {
	statusCode: number;
	body: unknown;
	headers?: Record<string, unknown>;
}

function isStream(value: unknown): value is BodyStream {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as BodyStream).destroy === 'function' &&
		typeof (value as BodyStream).on === 'function'
	);
}

function discard(response: StreamedResponse): void {
	if (isStream(response.body)) response.body.destroy();
}

/** How an attempt ended without a whole answer. */
interface Ended {
	ended: 'STOPPED' | 'TIMED_OUT' | 'TOO_LARGE';
}

/**
 * Reads an answer's body up to MAX_ANSWER_BYTES; beyond, the stream is closed. Read by events
 * rather than an async iterator, which costs a promise per chunk on every request.
 */
function readBody(body: unknown): Promise<string | Ended> {
	if (!isStream(body))
		return Promise.resolve(typeof body === 'string' ? body : JSON.stringify(body ?? ''));
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		body.on('data', (chunk) => {
			const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			size += bytes.length;
			if (size > MAX_ANSWER_BYTES) {
				body.destroy();
				resolve({ ended: 'TOO_LARGE' });
				return;
			}
			chunks.push(bytes);
		});
		let ended = false;
		body.on('end', () => {
			ended = true;
			resolve(Buffer.concat(chunks).toString('utf8'));
		});
		body.on('error', reject);
		// A connection cut in the middle of the answer: settled once, whichever event comes first.
		body.on('close', () => {
			if (!ended)
				reject(Object.assign(new Error('the answer was cut off'), { code: 'ECONNRESET' }));
		});
	});
}

/** One request to the API: a POST of a JSON body to a path under the credential's Base URL. */
export interface ApiCall {
	path: string;
	body: IDataObject;
}

/**
 * Sends one request and says what its answer means; never throws for a network failure.
 * The attempt as a whole, from sending until the last byte of the answer, is bounded by the
 * timeout (a server that sends its answer a byte at a time cannot hold the node), by the size
 * limit, and by the execution being stopped.
 */
export async function apiRequest(
	context: IExecuteFunctions,
	{ path, body }: ApiCall,
	settings: RequestSettings,
): Promise<Attempt> {
	const url = joinUrl(settings.baseUrl, path);
	const request: IHttpRequestOptions = {
		method: 'POST',
		url,
		body,
		// Uncompressed, so that the size limit is the size of what arrives.
		headers: {
			'Content-Type': 'application/json',
			Accept: 'application/json',
			'Accept-Encoding': 'identity',
		},
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// The API does not redirect. A redirect (a proxy's, say) would carry the customer's password
		// elsewhere; it is reported as the failure it is. Following none also skips a layer of work.
		disableFollowRedirect: true,
		timeout: settings.timeout || undefined,
	};
	const deadline = new AttemptDeadline(settings.timeout ?? 0, settings.signal, settings.clock);
	// ('cleared' comes only once the attempt is over, when nothing races against it any more.)
	const ended = deadline.ended.then(
		(why): Ended => ({ ended: why === 'stopped' ? 'STOPPED' : 'TIMED_OUT' }),
	);
	try {
		const sent: Promise<StreamedResponse> = context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			request,
			{ credentialsDecrypted: settings.credentials },
		);
		const response = await Promise.race([sent, ended]);
		if ('ended' in response) {
			// Whatever comes later is dropped unread.
			sent.then(discard, () => undefined);
			return { outcome: noAnswer(response.ended, url, settings.timeout) };
		}
		const read = readBody(response.body);
		const text = await Promise.race([read, ended]);
		if (typeof text !== 'string') {
			discard(response);
			read.catch(() => undefined);
			return { outcome: noAnswer(text.ended, url, settings.timeout), headers: response.headers };
		}
		return {
			outcome: classifyResponse({ statusCode: response.statusCode, body: text }, settings.secrets),
			headers: response.headers,
		};
	} catch (error) {
		if (settings.signal?.aborted) return { outcome: noAnswer('STOPPED', url, settings.timeout) };
		const block = ssrfBlockOf(error);
		if (block) return { outcome: ssrfBlocked(block, url) };
		return { outcome: noAnswer(errorCodeOf(error) ?? 'UNKNOWN', url, settings.timeout) };
	} finally {
		deadline.clear();
	}
}
