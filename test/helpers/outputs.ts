import type { INodeExecutionData } from 'n8n-workflow';

import {
	INVALID_OUTPUT,
	OUTPUT_NAMES,
	SUCCESS_OUTPUT,
	outputOfErrorCode,
} from '../../nodes/BizKitHub/actions/customer/registerAccount/outputs';
import type { RunResult } from './runWorkflow';

/** Output indexes as the node lays them out; n8n's Error output comes after the six. */
export const SUCCESS = SUCCESS_OUTPUT;
export const E001 = outputOfErrorCode('E001');
export const E002 = outputOfErrorCode('E002');
export const E003 = outputOfErrorCode('E003');
export const E004 = outputOfErrorCode('E004');
export const INVALID = INVALID_OUTPUT;
export const ERROR_OUTPUT = OUTPUT_NAMES.length;

export const emails = (items: INodeExecutionData[]) => items.map((item) => item.json.email);

export const pairedIndexes = (items: INodeExecutionData[]) =>
	items.map((item) => (item.pairedItem as { item: number }).item);

/** Every output item of the BizKitHub node, with the output it is on. */
export function allItems(result: RunResult) {
	return result.outputs.flatMap((items, output) => items.map((item) => ({ output, item })));
}

/** Everything a run shows a user: the outputs, the error, its message and description. */
export function shownByRun(result: RunResult): string {
	return JSON.stringify({
		outputs: result.outputs,
		error: result.error,
		message: result.error?.message,
		description: result.error?.description,
	});
}

export function expectNoSecrets(result: RunResult, secrets: string[]) {
	const shown = shownByRun(result);
	for (const secret of secrets) expect(shown).not.toContain(secret);
}

/** Each input item leaves on exactly one output (the Error output included). */
export function expectEveryItemOnce(result: RunResult, itemCount: number) {
	const indexes = allItems(result).map(({ item }) => (item.pairedItem as { item: number }).item);
	expect([...indexes].sort((a, b) => a - b)).toEqual(
		Array.from({ length: itemCount }, (_, index) => index),
	);
}
