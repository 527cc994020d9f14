import type { IExecuteFunctions } from 'n8n-workflow';

import {
	DEFAULT_CONCURRENCY,
	DEFAULT_MAX_ATTEMPTS,
	DEFAULT_MAX_RATE_LIMIT_WAIT_S,
	DEFAULT_TIMEOUT_MS,
	MAX_CONCURRENCY,
	MAX_MAX_ATTEMPTS,
} from './description';

/** The options that hold for the whole run (read once, from the first item). */
export interface RunOptions {
	validateOnly: boolean;
	concurrency: number;
	maxAttempts: number;
	maxRateLimitWaitMs: number;
	timeoutMs: number;
}

function bounded(value: unknown, fallback: number, min: number, max: number): number {
	const number = Number(value);
	if (value === undefined || value === null || value === '' || !Number.isFinite(number))
		return fallback;
	return Math.min(max, Math.max(min, number));
}

export function readRunOptions(context: IExecuteFunctions): RunOptions {
	const option = (name: string, fallback: unknown) =>
		context.getNodeParameter(`options.${name}`, 0, fallback);
	return {
		validateOnly: option('validateOnly', false) === true,
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
				Number.MAX_SAFE_INTEGER,
			) * 1000,
		timeoutMs: bounded(
			option('timeout', DEFAULT_TIMEOUT_MS),
			DEFAULT_TIMEOUT_MS,
			1,
			Number.MAX_SAFE_INTEGER,
		),
	};
}
