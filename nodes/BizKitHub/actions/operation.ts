import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/**
 * What an operation module (`<resource>/<operation>/<operation>.operation.ts`) exports: its
 * outputs, its parameters and its execute, side by side.
 */
export interface Operation {
	/** The names of the node's outputs while this operation is selected, in order. */
	outputs: readonly string[];
	/** Its parameters; the node shows them only while this operation is selected. */
	properties: INodeProperties[];
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]>;
}

/** A resource's operations by the value saved in workflows as `operation`. */
export type Operations = Record<string, Operation>;

/**
 * An operation's parameters, each shown only while the resource and the operation are selected
 * (and whatever else its own display options ask, such as `@tool`).
 */
export function shownFor(
	resource: string,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, resource: [resource], operation: [operation] },
		},
	}));
}
