import type { INodeExecutionData } from 'n8n-workflow';

import { API_ERROR_CODES, type ApiErrorCode } from '../../../api/contract';

/** Register Account's outputs, in this order (saved workflows connect to them by index). */
export const OUTPUT_NAMES = [
	'Success',
	'E001 Register Failed',
	'E002 Already Registered',
	'E003 Banned',
	'E004 Too Many Attempts',
	'Invalid',
] as const;

export const SUCCESS_OUTPUT = 0;
export const INVALID_OUTPUT = OUTPUT_NAMES.indexOf('Invalid');

/** The output of a documented refusal: E001 to E004 follow Success in code order. */
export function outputOfErrorCode(code: ApiErrorCode): number {
	return API_ERROR_CODES.indexOf(code) + 1;
}

/** Where one input item goes: an output index and the item to put there. */
export interface RoutedItem {
	output: number;
	item: INodeExecutionData;
}

/** Lays routed items out on the six outputs, each output in input order. */
export function toOutputs(routed: RoutedItem[]): INodeExecutionData[][] {
	const outputs: INodeExecutionData[][] = OUTPUT_NAMES.map(() => []);
	for (const { output, item } of routed) outputs[output].push(item);
	return outputs;
}
