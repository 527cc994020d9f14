import type { IExecuteFunctions, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	API_KEY_FORMAT_MESSAGE,
	CREDENTIAL_TYPE,
	DEFAULT_BASE_URL,
	REGISTER_ACCOUNT_PATH,
	isWellFormedApiKey,
} from '../../../api/contract';
import { runPool } from '../../../sending/runPool';
import { sendWithRetries } from '../../../sending/sendWithRetries';
import { gateKeyOf, shareGate } from '../../../sending/sharedGates';
import { StartPacer } from '../../../sending/startPacer';
import { apiFailure } from '../../../transport/apiFailure';
import { apiRequest } from '../../../transport/apiRequest';
import { readRunOptions } from './options';
import { SUCCESS_OUTPUT, outputOfErrorCode } from './outputs';
import type { Pending, Routing } from './prepareItems';
import { failedItem, refusedItem, registeredItem } from './resultItems';

/**
 * Sends the valid items with bounded concurrency under the API's rate limit, retried as the
 * retry policy says, and routes each by its outcome. Throws the first item's failure (unless
 * "On Error: Continue"), or that the execution was stopped.
 */
export async function sendItems(
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
	};
	const retrySettings = {
		maxAttempts: options.maxAttempts,
		maxRateLimitWaitMs: options.maxRateLimitWaitMs,
		// Waiting on another execution's request out is bounded by this one's own settings.
		answerWaitMs: options.timeoutMs || options.maxRateLimitWaitMs,
		signal,
	};
	// Executions of this n8n process that use the same key and host share one gate.
	const { gate, release } = shareGate(gateKeyOf(settings.baseUrl, apiKey));
	const failures: NodeApiError[] = [];

	try {
		await runPool(
			pending.length,
			options.concurrency,
			async (job) => {
				const { itemIndex, body } = pending[job];
				const itemSettings = { ...settings, secrets: [apiKey, body.password] };
				const send = async () =>
					await apiRequest(this, { path: REGISTER_ACCOUNT_PATH, body }, itemSettings);
				const { outcome, attempts, earlierAttemptMayHaveReached, mayHaveRegistered } =
					await sendWithRetries(send, retrySettings, gate);
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
				const error = apiFailure(this.getNode(), itemIndex, {
					...outcome,
					attempts,
					mayHaveRegistered,
				});
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
	} finally {
		release();
	}

	const first = failures.find((failure) => failure !== undefined);
	if (first) throw first;
	if (signal?.aborted) {
		throw new NodeOperationError(this.getNode(), 'the execution was stopped');
	}
}
