import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { REGISTER_ACCOUNT_FIELD_IDS } from '../../../api/contract';

export type MappingMode = 'defineBelow' | 'autoMapInputData';

/** Keeps the keys named like API body fields; any other key is ignored and never sent. */
function pickApiFields(source: IDataObject | null | undefined): Record<string, unknown> {
	const record: Record<string, unknown> = {};
	if (!source) return record;
	for (const key of Object.keys(source)) {
		if (REGISTER_ACCOUNT_FIELD_IDS.has(key)) record[key] = source[key];
	}
	return record;
}

export function readMappingMode(context: IExecuteFunctions): MappingMode {
	const mode = context.getNodeParameter('columns.mappingMode', 0, 'defineBelow');
	return mode === 'autoMapInputData' ? 'autoMapInputData' : 'defineBelow';
}

/**
 * The customer record of one input item (API field name to value, before validation): the item's
 * own top-level keys in "Map Automatically" mode, the mapped values in "Map Each Field Below" mode.
 * The whole `columns` parameter is read so that our validation, not n8n's type check, judges values.
 */
export function readCustomerRecord(
	context: IExecuteFunctions,
	itemIndex: number,
	mode: MappingMode,
): Record<string, unknown> {
	if (mode === 'autoMapInputData') return pickApiFields(context.getInputData()[itemIndex].json);
	const columns = context.getNodeParameter('columns', itemIndex) as { value?: IDataObject | null };
	return pickApiFields(columns.value);
}
