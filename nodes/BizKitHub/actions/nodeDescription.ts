import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as customer from './customer/customer.resource';
import { RESOURCES, findOperation } from './resources';

const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [{ name: 'Customer', value: 'customer' }],
	default: 'customer',
};

export const nodeProperties: INodeProperties[] = [resourceProperty, ...customer.description];

/** Each resource's Operation list (the `operation` parameter shown with it), by resource. */
function operationLists(): Map<string, INodeProperties> {
	const lists = new Map<string, INodeProperties>();
	for (const property of nodeProperties) {
		const resource = property.displayOptions?.show?.resource?.[0];
		if (property.name === 'operation' && typeof resource === 'string')
			lists.set(resource, property);
	}
	return lists;
}

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
	// The operation a node left at its defaults runs: the descriptions' own defaults.
	const resource = resourceProperty.default;
	const fallback = findOperation(resource, operationLists().get(String(resource))?.default)!;
	return `={{ ${inExpression(byOperation)}[$parameter.resource + "." + $parameter.operation] || ${inExpression(outputsOf(fallback.outputs))} }}`;
}

export const nodeOutputs = outputsExpression();

/** The names in each resource's Operation list, by `resource.operation`. */
function operationNames(): Record<string, string> {
	const names: Record<string, string> = {};
	for (const [resource, property] of operationLists()) {
		for (const option of property.options ?? []) {
			if ('value' in option) names[`${resource}.${String(option.value)}`] = option.name;
		}
	}
	return names;
}

/** Under the node on the canvas: the selected operation by its name, e.g. "Register Account". */
export const nodeSubtitle = `={{ ${inExpression(operationNames())}[$parameter.resource + "." + $parameter.operation] || $parameter.operation }}`;
