import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Routing } from './prepareItems';
import { SUCCESS_OUTPUT } from './outputs';
import { failedItem } from './resultItems';

/** The error as n8n shows a node's errors; n8n's own error classes pass as they are. */
export function asNodeError(
	context: IExecuteFunctions,
	error: Error,
): NodeOperationError | NodeApiError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	return new NodeOperationError(context.getNode(), error);
}

/** An error that names the item: the given one if it does, else one saying the item was not sent. */
export function asItemError(context: IExecuteFunctions, itemIndex: number, error: Error) {
	if (error instanceof NodeOperationError && error.message.startsWith(`Item ${itemIndex}:`)) {
		return error;
	}
	// Only the message: the error itself may hold request details.
	return new NodeOperationError(
		context.getNode(),
		`Item ${itemIndex}: not sent: ${error.message}`,
		{
			itemIndex,
			description: (error as NodeOperationError).description ?? undefined,
		},
	);
}

/** Gives every item without an outcome an error item of its own, naming it and the failure. */
export function failUnrouted(context: IExecuteFunctions, routed: Routing, error: Error): void {
	for (let itemIndex = 0; itemIndex < routed.length; itemIndex++) {
		if (routed[itemIndex]) continue;
		routed[itemIndex] = {
			output: SUCCESS_OUTPUT,
			item: failedItem(itemIndex, asItemError(context, itemIndex, error)),
		};
	}
}
