import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_PLAUSIBLE_WAIT_MS } from '../../../sending/retryPolicy';
import { BOOLEAN_WORDS_HINT, parseBooleanWord } from '../../../validation/booleanWords';

export const DEFAULT_CONCURRENCY = 5;
export const MAX_CONCURRENCY = 50;
export const DEFAULT_MAX_ATTEMPTS = 4;
export const MAX_MAX_ATTEMPTS = 10;
export const DEFAULT_MAX_RATE_LIMIT_WAIT_S = 300;
/** A day: no rate-limit wait could be longer (a larger value is taken as this). */
export const MAX_MAX_RATE_LIMIT_WAIT_S = MAX_PLAUSIBLE_WAIT_MS / 1000;
export const DEFAULT_TIMEOUT_MS = 30000;
/** The longest timer Node.js can hold (2^31 - 1 ms, about 24.8 days). */
export const MAX_TIMEOUT_MS = 2147483647;

/** The options that shape the sending (read once, from the first item). */
export interface RunOptions {
	concurrency: number;
	maxAttempts: number;
	maxRateLimitWaitMs: number;
	/** The longest one attempt may take, answer included; 0 for no limit. */
	timeoutMs: number;
}

function bounded(value: unknown, fallback: number, min: number, max: number): number {
	const number = Number(value);
	if (value === undefined || value === null || value === '' || !Number.isFinite(number))
		return fallback;
	return Math.min(max, Math.max(min, number));
}

/** A value as the user gave it, short enough for a message. */
function shown(value: unknown): string {
	const text = value === undefined ? 'empty' : (JSON.stringify(value) ?? String(value));
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Request Timeout: 0 for no limit, else a whole number of milliseconds up to what Node's timers
 * can hold. Anything else is refused: a fraction or a negative number would abandon every attempt
 * at once while BizKitHub still registers it, and a larger one overflows to 1 ms.
 */
function readTimeout(context: IExecuteFunctions, value: unknown): number {
	if (value === undefined || value === null || value === '') return DEFAULT_TIMEOUT_MS;
	const ms = Number(value);
	if (Number.isInteger(ms) && ms >= 0 && ms <= MAX_TIMEOUT_MS) return ms;
	throw new NodeOperationError(
		context.getNode(),
		`The option "Request Timeout (Ms)" must be 0 (no limit) or a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, not ${shown(value)}`,
		{ description: 'Set it to a whole number of milliseconds, for example 30000 for 30 seconds.' },
	);
}

export function readRunOptions(context: IExecuteFunctions): RunOptions {
	const option = (name: string, fallback: unknown) =>
		context.getNodeParameter(`options.${name}`, 0, fallback);
	return {
		concurrency: Math.floor(
			bounded(option('concurrency', DEFAULT_CONCURRENCY), DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY),
		),
		maxAttempts: Math.floor(
			bounded(
				option('maxAttempts', DEFAULT_MAX_ATTEMPTS),
				DEFAULT_MAX_ATTEMPTS,
				1,
				MAX_MAX_ATTEMPTS,
			),
		),
		maxRateLimitWaitMs:
			bounded(
				option('maxRateLimitWait', DEFAULT_MAX_RATE_LIMIT_WAIT_S),
				DEFAULT_MAX_RATE_LIMIT_WAIT_S,
				0,
				MAX_MAX_RATE_LIMIT_WAIT_S,
			) * 1000,
		timeoutMs: readTimeout(context, option('timeout', DEFAULT_TIMEOUT_MS)),
	};
}

/**
 * Reads an option that may differ from item to item: evaluated for every item only when it is an
 * expression; a fixed value is read once (reading a parameter costs n8n more than validating an
 * item does).
 */
export function perItemOption(
	context: IExecuteFunctions,
	name: string,
	fallback: unknown,
): (itemIndex: number) => unknown {
	const raw = (context.getNode().parameters.options as Record<string, unknown> | undefined)?.[name];
	if (typeof raw === 'string' && raw.startsWith('=')) {
		return (itemIndex) => context.getNodeParameter(`options.${name}`, itemIndex, fallback);
	}
	let value: { read: unknown } | undefined;
	return () => (value ??= { read: context.getNodeParameter(`options.${name}`, 0, fallback) }).read;
}

/**
 * Validate Only for one item (it may be an expression that differs from item to item). It reads
 * like the newsletter field: a boolean, true/false, yes/no or 1/0. Any other value, an empty one
 * included, is a configuration error and never taken as "send".
 */
export function readValidateOnly(
	context: IExecuteFunctions,
	itemIndex: number,
	read: (itemIndex: number) => unknown = perItemOption(context, 'validateOnly', false),
): boolean {
	const value = read(itemIndex);
	const parsed = parseBooleanWord(value);
	if (parsed !== undefined) return parsed;
	throw new NodeOperationError(
		context.getNode(),
		`Item ${itemIndex}: the option "Validate Only" must be ${BOOLEAN_WORDS_HINT}, not ${shown(value)}. The item was not sent.`,
		{
			itemIndex,
			description:
				'Set Validate Only to on or off, or make its expression give true or false for every item.',
		},
	);
}
