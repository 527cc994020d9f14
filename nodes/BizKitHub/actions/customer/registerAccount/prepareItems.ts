import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RegisterAccountBody } from '../../../api/contract';
import { DuplicateAddressGuard } from '../../../validation/duplicates';
import type { ValidationIssue } from '../../../validation/issues';
import { loadValidator } from '../../../validation/loadValidator';
import { asItemError } from './itemErrors';
import { readCustomerRecord, readMappingMode } from './mapping';
import { perItemOption, readValidateOnly } from './options';
import { INVALID_OUTPUT, SUCCESS_OUTPUT, type RoutedItem } from './outputs';
import { failedItem, invalidItem, wouldRegisterItem } from './resultItems';

/** A valid item to send. */
export interface Pending {
	itemIndex: number;
	body: RegisterAccountBody;
}

/** Where each input item goes; a hole is an item that has no outcome yet. */
export type Routing = Array<RoutedItem | undefined>;

/** Reads, validates and normalizes every item; returns those to send. */
export async function prepareItems(
	this: IExecuteFunctions,
	itemCount: number,
	routed: Routing,
	invalidIssues: ValidationIssue[][],
	continueOnFail: boolean,
): Promise<Pending[]> {
	const validateCustomer = await loadValidator(this.getNode());
	const mode = readMappingMode(this);
	const guard = new DuplicateAddressGuard();
	const pending: Pending[] = [];
	const validateOnlyOf = perItemOption(this, 'validateOnly', false);
	const defaultPhoneCountryOf = perItemOption(this, 'defaultPhoneCountry', '');
	const refuse = (
		itemIndex: number,
		record: Record<string, unknown>,
		issues: ValidationIssue[],
	) => {
		invalidIssues.push(issues);
		routed[itemIndex] = {
			output: INVALID_OUTPUT,
			item: invalidItem(itemIndex, record.email, issues),
		};
	};
	const failItem = (itemIndex: number, failure: NodeOperationError) => {
		if (!continueOnFail) throw failure;
		routed[itemIndex] = { output: SUCCESS_OUTPUT, item: failedItem(itemIndex, failure) };
	};

	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		let record: Record<string, unknown>;
		let defaultPhoneCountry: string;
		try {
			record = readCustomerRecord(this, itemIndex, mode);
			defaultPhoneCountry = String(defaultPhoneCountryOf(itemIndex) ?? '').trim();
		} catch (error) {
			failItem(
				itemIndex,
				new NodeOperationError(this.getNode(), error as Error, {
					itemIndex,
					message: `Item ${itemIndex}: a mapped field could not be read: ${(error as Error).message}`,
				}),
			);
			continue;
		}

		const result = validateCustomer(record, { defaultPhoneCountry });
		if (!result.valid) {
			refuse(itemIndex, record, result.issues);
			continue;
		}

		let validateOnly: boolean;
		try {
			validateOnly = readValidateOnly(this, itemIndex, validateOnlyOf);
		} catch (error) {
			failItem(itemIndex, asItemError(this, itemIndex, error as Error));
			continue;
		}
		const sends = !validateOnly;
		const duplicate = guard.check(result.body.email, { sends });
		if (duplicate) {
			refuse(itemIndex, record, [duplicate]);
			continue;
		}
		guard.remember(result.body.email, itemIndex, { sends });
		if (validateOnly) {
			routed[itemIndex] = {
				output: SUCCESS_OUTPUT,
				item: wouldRegisterItem(itemIndex, result.body),
			};
		} else {
			pending.push({ itemIndex, body: result.body });
		}
	}
	return pending;
}
