import type { IExecuteFunctions, INodeExecutionData, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { API_KEY_FORMAT_MESSAGE, isWellFormedApiKey } from '../apiKey';
import { readCustomerRecord, readMappingMode } from '../mapping';
import { readRunOptions, type RunOptions } from '../options';
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
import { validateCustomer, type RegisterAccountBody } from '../validation/validateCustomer';

interface Pending {
	itemIndex: number;
	body: RegisterAccountBody;
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 10000;

/**
 * Register Account: validates every item, sends the valid ones (unless validate-only) with bounded
 * concurrency under the API's rate limit, and puts each item on the output of its outcome, in
 * input order.
 */
export async function executeRegisterAccount(
	this: IExecuteFunctions,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const options = readRunOptions(this);
	const mode = readMappingMode(this);
	const guard = new DuplicateAddressGuard();
	const routed: RoutedItem[] = new Array(items.length);
	const pending: Pending[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let record: Record<string, unknown>;
		let defaultPhoneCountry: string;
		try {
			record = readCustomerRecord(this, itemIndex, mode);
			defaultPhoneCountry = String(
				this.getNodeParameter('options.defaultPhoneCountry', itemIndex, '') ?? '',
			).trim();
		} catch (error) {
			const failure = new NodeOperationError(this.getNode(), error as Error, {
				itemIndex,
				message: `Item ${itemIndex}: a mapped field could not be read: ${(error as Error).message}`,
			});
			if (!this.continueOnFail()) throw failure;
			routed[itemIndex] = { output: SUCCESS_OUTPUT, item: failedItem(itemIndex, failure) };
			continue;
		}

		const result = validateCustomer(record, { defaultPhoneCountry });
		const duplicate = result.valid ? guard.check(result.body.email) : undefined;
		if (!result.valid || duplicate) {
			const issues = result.valid ? [duplicate!] : result.issues;
			routed[itemIndex] = {
				output: INVALID_OUTPUT,
				item: invalidItem(itemIndex, record.email, issues),
			};
			continue;
		}
		guard.remember(result.body.email, itemIndex);
		if (options.validateOnly) {
			routed[itemIndex] = {
				output: SUCCESS_OUTPUT,
				item: wouldRegisterItem(itemIndex, result.body),
			};
		} else {
			pending.push({ itemIndex, body: result.body });
		}
	}

	if (pending.length > 0) {
		await sendAll.call(this, pending, routed, options);
	}
	return toOutputs(routed);
}

async function sendAll(
	this: IExecuteFunctions,
	pending: Pending[],
	routed: RoutedItem[],
	options: RunOptions,
): Promise<void> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const apiKey = credentials.apiKey;
	if (!isWellFormedApiKey(apiKey)) {
		throw new NodeOperationError(this.getNode(), API_KEY_FORMAT_MESSAGE, {
			description: 'Open the BizKitHub API credential and paste the key again.',
		});
	}
	const node = this.getNode();
	const settings = {
		baseUrl: String(credentials.baseUrl || 'https://api.bizkithub.com'),
		credentials: {
			id: node.credentials?.[CREDENTIAL_TYPE]?.id ?? '',
			name: node.credentials?.[CREDENTIAL_TYPE]?.name ?? '',
			type: CREDENTIAL_TYPE,
			data: credentials,
		},
		timeout: options.timeoutMs,
		maxAttempts: options.maxAttempts,
		maxRateLimitWaitMs: options.maxRateLimitWaitMs,
		backoffBaseMs: BACKOFF_BASE_MS,
		backoffCapMs: BACKOFF_CAP_MS,
	};
	const gate = new RateLimitGate(options.maxRateLimitWaitMs);
	const continueOnFail = this.continueOnFail();
	const failures: NodeApiError[] = [];

	await runPool(
		pending.length,
		options.concurrency,
		async (job) => {
			const { itemIndex, body } = pending[job];
			const { outcome, attempts, earlierAttemptMayHaveReached } = await registerWithRetries(
				this,
				body,
				settings,
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
			const error = apiFailure(this.getNode(), itemIndex, { ...outcome, attempts }, [
				apiKey,
				body.password,
			]);
			if (continueOnFail) {
				routed[itemIndex] = { output: SUCCESS_OUTPUT, item: failedItem(itemIndex, error) };
			} else {
				failures[itemIndex] = error;
			}
		},
		{ shouldStop: () => failures.length > 0, pacer: new StartPacer(options.concurrency) },
	);

	const first = failures.find((failure) => failure !== undefined);
	if (first) throw first;
}
