import type { INodeParameters } from 'n8n-workflow';

/** Node parameters for "Map Automatically", with the given options. */
export function autoMapParameters(options: INodeParameters = {}): INodeParameters {
	return {
		resource: 'customer',
		operation: 'registerAccount',
		columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema: [] },
		options,
	};
}

/** Node parameters for "Map Each Field Below": `value` maps API field names to values or expressions. */
export function defineBelowParameters(
	value: Record<string, string | number | boolean>,
	options: INodeParameters = {},
): INodeParameters {
	return {
		resource: 'customer',
		operation: 'registerAccount',
		columns: { mappingMode: 'defineBelow', value, matchingColumns: [], schema: [] },
		options,
	};
}
