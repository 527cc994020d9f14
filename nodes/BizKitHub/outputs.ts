import type { INodeExecutionData } from 'n8n-workflow';

/** The node's outputs, in the order interface.md fixes. */
export const OUTPUT_NAMES = [
	'Success',
	'E001 Register Failed',
	'E002 Already Registered',
	'E003 Banned',
	'E004 Too Many Attempts',
	'Invalid',
] as const;

export const API_ERROR_CODES = ['E001', 'E002', 'E003', 'E004'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const SUCCESS_OUTPUT = 0;
export const INVALID_OUTPUT = 5;

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
