import type { IDataObject, INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ApiErrorCode } from './outputs';
import type { RegisterAccountBody, ValidationIssue } from './validation/validateCustomer';
import { describeIssues } from './validation/validateCustomer';

/** What was sent, for the output item: everything but the password. */
function customerAsSent(body: RegisterAccountBody): IDataObject {
	const sent: IDataObject = {};
	for (const [field, value] of Object.entries(body)) {
		if (field !== 'password') sent[field] = value;
	}
	return sent;
}

function paired(itemIndex: number, json: IDataObject): INodeExecutionData {
	return { json, pairedItem: { item: itemIndex } };
}

export function registeredItem(itemIndex: number, body: RegisterAccountBody): INodeExecutionData {
	return paired(itemIndex, { success: true, email: body.email, customer: customerAsSent(body) });
}

export function wouldRegisterItem(itemIndex: number, body: RegisterAccountBody): INodeExecutionData {
	return paired(itemIndex, {
		success: false,
		validateOnly: true,
		email: body.email,
		customer: customerAsSent(body),
	});
}

export function refusedItem(
	itemIndex: number,
	body: RegisterAccountBody,
	errorCode: ApiErrorCode,
	message: string,
): INodeExecutionData {
	return paired(itemIndex, {
		success: false,
		email: body.email,
		errorCode,
		message,
		customer: customerAsSent(body),
	});
}

/** The address as the user gave it, for an item that failed validation. */
function givenEmail(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	return null;
}

export function invalidItem(
	itemIndex: number,
	givenAddress: unknown,
	issues: ValidationIssue[],
): INodeExecutionData {
	return paired(itemIndex, {
		success: false,
		email: givenEmail(givenAddress),
		errorCode: 'INVALID_INPUT',
		message: `Item ${itemIndex} is invalid: ${describeIssues(issues)}`,
		issues: issues.map((issue) => ({ field: issue.field, message: issue.message })),
	});
}

/**
 * An item that failed with an error that is not a documented answer, for "On Error: Continue".
 * n8n shows such an item as `{ error: message }` and, with the error output, moves it there.
 */
export function failedItem(
	itemIndex: number,
	error: NodeApiError | NodeOperationError,
): INodeExecutionData {
	return { json: { error: error.message }, error, pairedItem: { item: itemIndex } };
}
