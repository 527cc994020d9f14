import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { API_KEY_FORMAT_MESSAGE, isWellFormedApiKey } from '../apiKey';
import { DEFAULT_BASE_URL } from '../baseUrl';
import { invalidItemsHint } from '../invalidItemsHint';
import { readCustomerRecord, readMappingMode } from '../mapping';
import { perItemOption, readRunOptions, readValidateOnly } from '../options';
import {
	INVALID_OUTPUT,
	SUCCESS_OUTPUT,
	outputOfErrorCode,
	toOutputs,
	type RoutedItem,
} from '../outputs';
import {
	failedItem,
	invalidItem,
	refusedItem,
	registeredItem,
	wouldRegisterItem,
} from '../resultItems';
import { runPool } from '../runPool';
import { StartPacer } from '../startPacer';
import { apiFailure } from '../transport/apiFailure';
import { RateLimitGate } from '../transport/rateLimitGate';
import { CREDENTIAL_TYPE } from '../transport/registerAccount';
import { registerWithRetries } from '../transport/registerWithRetries';
import { DuplicateAddressGuard } from '../validation/duplicates';
import {
	validateCustomer,
	type RegisterAccountBody,
	type ValidationIssue,
} from '../validation/validateCustomer';

interface Pending {
	itemIndex: number;
	body: RegisterAccountBody;
}

/** Where each input item goes; a hole is an item that has no outcome yet. */
type Routing = Array<RoutedItem | undefined>;

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 10000;

/**
 * Register Account: validates every item, sends the valid ones (unless validate-only) with bounded
 * concurrency under the API's rate limit, and puts each item on the output of its outcome, in
 * input order.
 *
 * With "On Error: Continue" it never throws: n8n would then pass the input items through on the
 * first output, passwords included. Whatever fails for the node as a whole (the credential, an
 * option, the execution being stopped) becomes an error item of its own for every item that has
 * no outcome yet; items already judged invalid stay on Invalid.
 */
export async function executeRegisterAccount(
	this: IExecuteFunctions,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const routed: Routing = new Array(items.length);
	const invalidIssues: ValidationIssue[][] = [];
	try {
		const pending = prepareItems.call(this, items.length, routed, invalidIssues, continueOnFail);
		if (pending.length > 0) await sendAll.call(this, pending, routed, continueOnFail);
	} catch (error) {
		if (!continueOnFail) throw asNodeError(this, error as Error);
		failUnrouted(this, routed, error as Error);
	}
	const hint = invalidItemsHint(invalidIssues, items.length);
	if (hint) this.addExecutionHints?.(hint);
	return toOutputs(routed as RoutedItem[]);
}

/** Reads, validates and normalizes every item; returns those to send. */
function prepareItems(
	this: IExecuteFunctions,
	itemCount: number,
	routed: Routing,
	invalidIssues: ValidationIssue[][],
	continueOnFail: boolean,
): Pending[] {
	const mode = readMappingMode(this);
	const guard = new DuplicateAddressGuard();
	const pending: Pending[] = [];
	const validateOnlyOf = perItemOption(this, 'validateOnly', false);
	const defaultPhoneCountryOf = perItemOption(this, 'defaultPhoneCountry', '');
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
		const duplicate = result.valid ? guard.check(result.body.email) : undefined;
		if (!result.valid || duplicate) {
			const issues = result.valid ? [duplicate!] : result.issues;
			invalidIssues.push(issues);
			routed[itemIndex] = {
				output: INVALID_OUTPUT,
				item: invalidItem(itemIndex, record.email, issues),
			};
			continue;
		}

		let validateOnly: boolean;
		try {
			validateOnly = readValidateOnly(this, itemIndex, validateOnlyOf);
		} catch (error) {
			failItem(itemIndex, asItemError(this, itemIndex, error as Error));
			continue;
		}
		guard.remember(result.body.email, itemIndex);
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

/** The error as n8n shows a node's errors; n8n's own error classes pass as they are. */
function asNodeError(context: IExecuteFunctions, error: Error): NodeOperationError | NodeApiError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	return new NodeOperationError(context.getNode(), error);
}

/** An error that names the item: the given one if it does, else one saying the item was not sent. */
function asItemError(context: IExecuteFunctions, itemIndex: number, error: Error) {
	if (error instanceof NodeOperationError && error.message.startsWith(`Item ${itemIndex}:`)) {
		return error;
	}
	// Only the message: the error itself may hold request details.
	return new NodeOperationError(
		context.getNode(),
		`Item ${itemIndex}: not sent: ${error.message}`,
		{
			itemIndex,
			description: (error as NodeOperationError).description ?? undefined,
		},
	);
}

/** Gives every item without an outcome an error item of its own, naming it and the failure. */
function failUnrouted(context: IExecuteFunctions, routed: Routing, error: Error): void {
	for (let itemIndex = 0; itemIndex < routed.length; itemIndex++) {
		if (routed[itemIndex]) continue;
		routed[itemIndex] = {
			output: SUCCESS_OUTPUT,
			item: failedItem(itemIndex, asItemError(context, itemIndex, error)),
		};
	}
}

async function sendAll(
	this: IExecuteFunctions,
	pending: Pending[],
	routed: Routing,
	continueOnFail: boolean,
): Promise<void> {
	const options = readRunOptions(this);
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const apiKey = credentials.apiKey;
	if (!isWellFormedApiKey(apiKey)) {
		throw new NodeOperationError(this.getNode(), API_KEY_FORMAT_MESSAGE, {
			description: 'Open the BizKitHub API credential and paste the key again.',
		});
	}
	const node = this.getNode();
	const signal = this.getExecutionCancelSignal?.();
	const settings = {
		baseUrl: String(credentials.baseUrl ?? '').trim() || DEFAULT_BASE_URL,
		credentials: {
			id: node.credentials?.[CREDENTIAL_TYPE]?.id ?? '',
			name: node.credentials?.[CREDENTIAL_TYPE]?.name ?? '',
			type: CREDENTIAL_TYPE,
			data: credentials,
		},
		timeout: options.timeoutMs,
		signal,
		maxAttempts: options.maxAttempts,
		maxRateLimitWaitMs: options.maxRateLimitWaitMs,
		backoffBaseMs: BACKOFF_BASE_MS,
		backoffCapMs: BACKOFF_CAP_MS,
	};
	const gate = new RateLimitGate(options.maxRateLimitWaitMs, Date.now, undefined, {
		signal,
		backoffBaseMs: BACKOFF_BASE_MS,
		backoffCapMs: BACKOFF_CAP_MS,
	});
	const failures: NodeApiError[] = [];

	await runPool(
		pending.length,
		options.concurrency,
		async (job) => {
			const { itemIndex, body } = pending[job];
			const itemSettings = { ...settings, secrets: [apiKey, body.password] };
			const { outcome, attempts, earlierAttemptMayHaveReached } = await registerWithRetries(
				this,
				body,
				itemSettings,
				gate,
			);
			if (outcome.kind === 'registered') {
				routed[itemIndex] = {
					output: SUCCESS_OUTPUT,
					item: registeredItem(itemIndex, body, attempts),
				};
				return;
			}
			if (outcome.kind === 'refused') {
				routed[itemIndex] = {
					output: outputOfErrorCode(outcome.errorCode),
					item: refusedItem(itemIndex, body, outcome, { attempts, earlierAttemptMayHaveReached }),
				};
				return;
			}
			if (signal?.aborted) return;
			const error = apiFailure(this.getNode(), itemIndex, { ...outcome, attempts });
			if (continueOnFail) {
				routed[itemIndex] = { output: SUCCESS_OUTPUT, item: failedItem(itemIndex, error) };
			} else {
				failures[itemIndex] = error;
			}
		},
		{
			shouldStop: () => failures.length > 0 || signal?.aborted === true,
			pacer: new StartPacer(options.concurrency, undefined, undefined, signal),
		},
	);

	const first = failures.find((failure) => failure !== undefined);
	if (first) throw first;
	if (signal?.aborted) {
		throw new NodeOperationError(this.getNode(), 'the execution was stopped');
	}
}
