import { API_ERROR_CODES, type ApiErrorCode } from '../outputs';

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

function parseJson(body: string): unknown {
	try {
		return JSON.parse(body);
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

function excerpt(body: string): string {
	const flat = body.replace(/\s+/g, ' ').trim();
	return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat;
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
 */
export function classifyResponse({ statusCode, body }: RawResponse): RegisterOutcome {
	const json = parseJson(body);
	const ok = statusCode >= 200 && statusCode < 300;

	if (!isRecord(json)) {
		const shown =
			body.trim() === '' ? 'an empty body' : `a body that is not JSON: ${excerpt(body)}`;
		return {
			kind: 'failed',
			httpCode: statusCode,
			message: `BizKitHub answered HTTP ${statusCode} with ${shown}`,
		};
	}

	if (ok && json.success === true) return { kind: 'registered' };

	const { code, message } = platformError(json);
	if (ok && json.success === false && (API_ERROR_CODES as readonly string[]).includes(code ?? '')) {
		return { kind: 'refused', errorCode: code as ApiErrorCode, message: message ?? '' };
	}

	const what = code ? `error ${code}` : ok ? 'an unexpected answer' : 'an error';
	const detail = message ?? (code ? undefined : excerpt(body));
	return {
		kind: 'failed',
		httpCode: statusCode,
		platformCode: code,
		message: `BizKitHub answered HTTP ${statusCode} with ${what}${detail ? `: ${detail}` : ''}`,
	};
}
