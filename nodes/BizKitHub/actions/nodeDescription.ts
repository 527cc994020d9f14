import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as customer from './customer/customer.resource';
import { DEFAULT_OPERATION, RESOURCES, findOperation } from './resources';

export const nodeProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Customer', value: 'customer' }],
		default: 'customer',
	},
	...customer.description,
];

/** A JSON text that can stand inside `{{ }}`: no `{{` or `}}` in it. */
function inExpression(value: unknown): string {
	return JSON.stringify(value).replace(/([{}])(?=\1)/g, '$1 ');
}

function outputsOf(names: readonly string[]) {
	return names.map((displayName) => ({ type: NodeConnectionTypes.Main, displayName }));
}

/**
 * The node's outputs, worked out by n8n from the selected operation (as the Switch node's are from
 * its rules): each operation has outputs of its own. Saved parameters leave out defaults, which
 * n8n fills in before it reads this; an unknown pair gets the default operation's outputs.
 */
function outputsExpression(): INodeTypeDescription['outputs'] {
	const byOperation: Record<string, ReturnType<typeof outputsOf>> = {};
	for (const [resource, operations] of Object.entries(RESOURCES)) {
		for (const [operation, module] of Object.entries(operations)) {
			byOperation[`${resource}.${operation}`] = outputsOf(module.outputs);
		}
	}
	const fallback = findOperation(DEFAULT_OPERATION.resource, DEFAULT_OPERATION.operation)!;
	return `={{ ${inExpression(byOperation)}[$parameter.resource + "." + $parameter.operation] || ${inExpression(outputsOf(fallback.outputs))} }}`;
}

export const nodeOutputs = outputsExpression();
