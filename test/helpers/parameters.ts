import type { INodeParameters } from 'n8n-workflow';

import * as builders from '../../scripts/lib/workflows';

/** Node parameters for "Map Automatically", with the given options. */
export function autoMapParameters(options: INodeParameters = {}): INodeParameters {
	return builders.autoMapParameters(options) as INodeParameters;
}

/** Node parameters for "Map Each Field Below": `value` maps API field names to values or expressions. */
export function defineBelowParameters(
	value: Record<string, string | number | boolean>,
	options: INodeParameters = {},
): INodeParameters {
	return builders.defineBelowParameters(value, options) as INodeParameters;
}
