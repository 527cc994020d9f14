import type { IExecuteFunctions, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	API_KEY_FORMAT_MESSAGE,
	CREDENTIAL_TYPE,
	DEFAULT_BASE_URL,
	REGISTER_ACCOUNT_PATH,
	isWellFormedApiKey,
} from '../../../api/contract';
import { systemClock } from '../../../sending/clock';
import {
	isRateLimited,
	sendAll,
	type ItemResult,
	type RateLimited,
} from '../../../sending/sendItem';
import { throttleKeyOf, throttles } from '../../../sending/throttles';
import { apiFailure } from '../../../transport/apiFailure';
import { apiRequest } from '../../../transport/apiRequest';
import { readRunOptions } from './options';
import { SUCCESS_OUTPUT, outputOfErrorCode } from './outputs';
import type { Pending, Routing } from './prepareItems';
import { failedItem, refusedItem, registeredItem } from './resultItems';

/**
 * Ends the message of an item the rate limit kept from being sent, with when the key's quota
 * frees if BizKitHub said: `RATE_LIMITED until 2026-12-06T23:00:00Z`. n8n keeps only the message
 * of a failed item (as `error` on the Error output: any other field is dropped, and an item
 * without its error would take the input's fields, the password among them), so this fixed
 * ending is what a workflow routes on: `{{ $json.error.includes('RATE_LIMITED') }}`.
 */
export const RATE_LIMITED = 'RATE_LIMITED';

/**
 * Sends the valid items with bounded concurrency under the API's rate limit, retried as the
 * retry policy says, and routes each by its outcome. Throws the first item's failure (unless
 * "On Error: Continue"), or that the execution was stopped.
 */
export async function sendItems(
	this: IExecuteFunctions,
	pending: Array<Pending | undefined>,
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
	const entry = (job: number): Pending => {
		const item = pending[job];
		if (!item) throw new NodeOperationError(node, `Item of job ${job} was used after its outcome`);
		return item;
	};
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
	const failures: NodeApiError[] = [];
	/** Items whose request was out when the execution was stopped: BizKitHub may have them. */
	const outAtStop: number[] = [];
	/**
	 * Items the rate limit kept from being sent: told once the run is over, with how many they are
	 * (the user decides from that whether to raise the wait or send the rest later).
	 */
	const rateLimited: Array<{ itemIndex: number; outcome: RateLimited; result: ItemResult }> = [];
	let started = 0;

	const route = (job: number, result: ItemResult): boolean => {
		const { itemIndex, body } = entry(job);
		// Let go of the item's body (its password too) once it has its outcome, not at the run's end.
		pending[job] = undefined;
		const { outcome, attempts, earlierAttemptMayHaveReached, mayHaveRegistered } = result;
		if (outcome.kind === 'registered') {
			routed[itemIndex] = {
				output: SUCCESS_OUTPUT,
				item: registeredItem(itemIndex, body, attempts),
			};
			return true;
		}
		if (outcome.kind === 'refused') {
			routed[itemIndex] = {
				output: outputOfErrorCode(outcome.errorCode),
				item: refusedItem(itemIndex, body, outcome, { attempts, earlierAttemptMayHaveReached }),
			};
			return true;
		}
		// Stopped before anything of it reached BizKitHub: the run's own error says so.
		if (signal?.aborted && !mayHaveRegistered) return false;
		if (isRateLimited(outcome)) {
			rateLimited.push({ itemIndex, outcome, result });
			return continueOnFail;
		}
		if (signal?.aborted) outAtStop.push(itemIndex);
		const error = apiFailure(node, itemIndex, { ...outcome, attempts, mayHaveRegistered });
		if (continueOnFail)
			routed[itemIndex] = { output: SUCCESS_OUTPUT, item: failedItem(itemIndex, error) };
		else failures[itemIndex] = error;
		return continueOnFail;
	};

	// Executions of this n8n process that use the same key and host share one throttle.
	const { throttle, release } = throttles.share(throttleKeyOf(settings.baseUrl, apiKey));
	try {
		await sendAll(
			pending.length,
			{ ...options, signal },
			(job) => {
				started += 1;
				const { body } = entry(job);
				const itemSettings = { ...settings, secrets: [apiKey, body.password] };
				return async () =>
					await apiRequest(this, { path: REGISTER_ACCOUNT_PATH, body }, itemSettings);
			},
			route,
			{ throttle, clock: systemClock },
		);
	} finally {
		release();
	}

	// Those the rate limit held back, and, when a rate-limited item ended the run (no "On Error:
	// Continue", no other failure), those the run never started.
	const endedByRateLimit = !continueOnFail && !failures.some(Boolean);
	const heldBack = rateLimited.length + (endedByRateLimit ? pending.length - started : 0);
	for (const { itemIndex, outcome, result } of rateLimited) {
		// (The code and time last, after whatever else is said, where a workflow finds them.)
		const error = apiFailure(node, itemIndex, {
			...outcome,
			ending: heldBackSentence(heldBack, pending.length, outcome.freesAt),
			attempts: result.attempts,
			mayHaveRegistered: result.mayHaveRegistered,
		});
		if (continueOnFail)
			routed[itemIndex] = { output: SUCCESS_OUTPUT, item: failedItem(itemIndex, error) };
		else failures[itemIndex] = error;
	}

	if (signal?.aborted) {
		const out = outAtStop.sort((a, b) => a - b);
		const description =
			out.length === 1
				? `The request of item ${out[0]} was out when it was stopped: BizKitHub may have received it, so its address may already be registered.`
				: `The requests of items ${out.join(', ')} were out when it was stopped: BizKitHub may have received them, so their addresses may already be registered.`;
		throw new NodeOperationError(node, 'the execution was stopped', {
			description: out.length > 0 ? description : undefined,
		});
	}
	const first = failures.find((failure) => failure !== undefined);
	if (first) throw first;
}

/**
 * How many of the run's items to send the rate limit held back (never sent, or refused until
 * their wait ran out), then the code and when the key's quota frees: "2 of the run's 3 items to
 * send were held back by the rate limit. RATE_LIMITED until <time>".
 */
function heldBackSentence(heldBack: number, total: number, freesAt?: number): string {
	const count =
		heldBack === 1
			? `1 of the run's ${total} items to send was held back by the rate limit`
			: `${heldBack} of the run's ${total} items to send were held back by the rate limit`;
	// (Rounded up to the second: not before.)
	const until =
		freesAt === undefined
			? ''
			: ` until ${new Date(Math.ceil(freesAt / 1000) * 1000).toISOString().replace('.000Z', 'Z')}`;
	return `${count}. ${RATE_LIMITED}${until}`;
}
