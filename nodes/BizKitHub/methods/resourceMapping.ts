import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { MAPPED_FIELDS } from '../actions/customer/registerAccount/fields';

/** Register Account's mapping form: the 21 body fields of register-account, from their static description. */
export async function getApiFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return {
		fields: MAPPED_FIELDS.map((field) => ({
			id: field.id,
			displayName: field.displayName,
			required: field.required,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: field.type,
		})),
	};
}
