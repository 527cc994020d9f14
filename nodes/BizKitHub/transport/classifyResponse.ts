import { API_ERROR_CODES, type ApiErrorCode } from '../api/contract';
import { redactSecrets } from './redact';

/** What an answer of register-account means for the item that was sent. */
export type RegisterOutcome =
	| { kind: 'registered' }
	| { kind: 'refused'; errorCode: ApiErrorCode; message: string }
	| { kind: 'failed'; httpCode: number; platformCode?: string; message: string };

export interface RawResponse {
	statusCode: number;
	body: string;
}

const EXCERPT_LENGTH = 200;
/** A platform error code is a short name; a longer "code" is cut. */
const CODE_LENGTH = 60;

/** The body as JSON; a UTF-8 byte-order mark before it, which some servers write, is skipped. */
function parseJson(body: string): unknown {
	try {
		return JSON.parse(body.startsWith('\uFEFF') ? body.slice(1) : body);
	} catch {
		return undefined;
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The platform's error code and message, wherever the body puts them. */
function platformError(json: Record<string, unknown>): { code?: string; message?: string } {
	const nested = isRecord(json.error) ? json.error : undefined;
	return {
		code:
			stringOf(nested?.code) ??
			stringOf(json.errorCode) ??
			stringOf(json.code) ??
			stringOf(json.error),
		message: stringOf(nested?.message) ?? stringOf(json.message),
	};
}

/**
 * Reads an answer of POST /api/v1/customer/register-account. E001 to E004 come with HTTP 200, so the
 * body decides; anything that is not one of the four documented answers or a success is a failure.
 * Every piece of the answer that the outcome carries (code, message, body excerpt) has the
 * `secrets` removed in whatever form the server echoed them; the node's own words are left alone.
 */
export function classifyResponse(
	{ statusCode, body }: RawResponse,
	secrets: ReadonlyArray<string | undefined> = [],
): RegisterOutcome {
	const shown = (text: string, maxLength = EXCERPT_LENGTH) =>
		redactSecrets(text, secrets, maxLength);
	const json = parseJson(body);
	const ok = statusCode >= 200 && statusCode < 300;

	if (!isRecord(json)) {
		const what = body.trim() === '' ? 'an empty body' : `a body that is not JSON: ${shown(body)}`;
		return {
			kind: 'failed',
			httpCode: statusCode,
			message: `BizKitHub answered HTTP ${statusCode} with ${what}`,
		};
	}

	if (ok && json.success === true) return { kind: 'registered' };

	const given = platformError(json);
	if (
		ok &&
		json.success === false &&
		(API_ERROR_CODES as readonly string[]).includes(given.code ?? '')
	) {
		const message = given.message === undefined ? '' : shown(given.message);
		return { kind: 'refused', errorCode: given.code as ApiErrorCode, message };
	}
	const code = given.code === undefined ? undefined : shown(given.code, CODE_LENGTH);
	const message = given.message === undefined ? undefined : shown(given.message);

	const what = code ? `error ${code}` : ok ? 'an unexpected answer' : 'an error';
	const detail = message ?? (code ? undefined : shown(body));
	return {
		kind: 'failed',
		httpCode: statusCode,
		platformCode: code,
		message: `BizKitHub answered HTTP ${statusCode} with ${what}${detail ? `: ${detail}` : ''}`,
	};
}
