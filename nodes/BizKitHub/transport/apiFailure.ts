import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { howToFix } from './howToFix';

export interface Failure {
	message: string;
	httpCode?: number;
	platformCode?: string;
	/** The network error code when no HTTP answer came back. */
	cause?: string;
	/** Requests sent for the item. */
	attempts?: number;
	/** An attempt for the item may have reached BizKitHub before it failed. */
	mayHaveRegistered?: boolean;
	/** Said last, after everything else: a fixed ending a workflow can find (see RATE_LIMITED). */
	ending?: string;
}

/** Said of an item whose attempts may have reached BizKitHub although none was answered. */
export const MAY_HAVE_REGISTERED =
	'An attempt may have reached BizKitHub, so the address may already be registered';

/**
 * The node error for an item whose request failed in a way that is not a documented answer. It
 * names the item, the HTTP status and the platform code, says what to do about it, and carries
 * no API key or password: it
 * is built from our own words and from what the server said with the secrets already removed
 * (see classifyResponse), never from the HTTP library's error (which holds the URL).
 */
export function apiFailure(node: INode, itemIndex: number, failure: Failure): NodeApiError {
	const sentences = (first: string, next?: string) =>
		next === undefined ? first : `${first}${first.endsWith('.') ? '' : '.'} ${next}`;
	const said = sentences(
		`Item ${itemIndex}: ${failure.message}`,
		failure.mayHaveRegistered ? `${MAY_HAVE_REGISTERED}.` : undefined,
	);
	const message = sentences(said, failure.ending);
	const details = [
		failure.httpCode ? `HTTP status: ${failure.httpCode}` : 'HTTP status: none (no answer)',
		failure.platformCode ? `BizKitHub error code: ${failure.platformCode}` : undefined,
		failure.cause ? `Network error: ${failure.cause}` : undefined,
		failure.attempts !== undefined ? `Attempts: ${failure.attempts}` : undefined,
	].filter(Boolean);
	const fix = howToFix(failure);
	const response: JsonObject = {
		message,
		httpCode: failure.httpCode ?? null,
		code: failure.platformCode ?? null,
	};
	return new NodeApiError(node, response, {
		message,
		description: `${details.join('. ')}.${fix ? ` ${fix}` : ''}`,
		httpCode: failure.httpCode ? String(failure.httpCode) : undefined,
		itemIndex,
	});
}
