import type {
	IDataObject,
	INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import type { ApiErrorCode, RegisterAccountBody } from '../../../api/contract';
import { mayBeCausedByEarlierAttempt } from '../../../sending/retryPolicy';
import { describeIssues, type ValidationIssue } from '../../../validation/issues';

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

export function registeredItem(
	itemIndex: number,
	body: RegisterAccountBody,
	attempts: number,
): INodeExecutionData {
	return paired(itemIndex, {
		success: true,
		email: body.email,
		attempts,
		customer: customerAsSent(body),
	});
}

export function wouldRegisterItem(
	itemIndex: number,
	body: RegisterAccountBody,
): INodeExecutionData {
	return paired(itemIndex, {
		success: false,
		validateOnly: true,
		email: body.email,
		attempts: 0,
		customer: customerAsSent(body),
	});
}

export function refusedItem(
	itemIndex: number,
	body: RegisterAccountBody,
	answer: { errorCode: ApiErrorCode; message: string },
	retries: { attempts: number; earlierAttemptMayHaveReached: boolean },
): INodeExecutionData {
	const json: IDataObject = {
		success: false,
		email: body.email,
		errorCode: answer.errorCode,
		message: answer.message,
		attempts: retries.attempts,
		customer: customerAsSent(body),
	};
	if (mayBeCausedByEarlierAttempt(answer.errorCode, retries.earlierAttemptMayHaveReached)) {
		json.earlierAttemptMayHaveRegistered = true;
		json.note =
			'An earlier attempt for this item failed after it may have reached BizKitHub, so this run may itself have registered the address.';
	}
	return paired(itemIndex, json);
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
		attempts: 0,
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
