import type { INodeExecutionData, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ValidationIssue } from '../../../validation/issues';
import { invalidItemsHint } from './invalidItemsHint';
import { asNodeError, failUnrouted } from './itemErrors';
import {
	DEFAULT_CONCURRENCY,
	DEFAULT_MAX_ATTEMPTS,
	DEFAULT_MAX_RATE_LIMIT_WAIT_S,
	MAX_MAX_RATE_LIMIT_WAIT_S,
	DEFAULT_TIMEOUT_MS,
	MAX_CONCURRENCY,
	MAX_MAX_ATTEMPTS,
	MAX_TIMEOUT_MS,
} from './options';
import { OUTPUT_NAMES, toOutputs, type RoutedItem } from './outputs';
import { prepareItems, type Routing } from './prepareItems';
import { sendItems } from './sendItems';
import { toolDescriptionProperty } from './toolDescription';
import { isToolMode, toToolOutput } from './toolOutput';

/** Customer > Register Account: POST /api/v1/customer/register-account for every item. */
export const outputs = OUTPUT_NAMES;

/** The operation's parameters (the node shows them only while this operation is selected). */
export const properties: INodeProperties[] = [
	toolDescriptionProperty,
	{
		displayName:
			'BizKitHub sends every customer registered here a confirmation e-mail. To check a batch without registering anyone, turn on Validate Only under Options.',
		name: 'confirmationEmailNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Fields',
		name: 'columns',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			resourceMapper: {
				resourceMapperMethod: 'getApiFields',
				mode: 'add',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: true,
			},
		},
		description:
			'Which customer data goes into which API field. Empty optional fields are left out. In "Map Automatically" mode, input fields named like API fields are used and all others are ignored.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
				default: DEFAULT_CONCURRENCY,
				description: 'How many registration requests may be in flight at once',
			},
			{
				displayName: 'Default Phone Country',
				name: 'defaultPhoneCountry',
				type: 'string',
				default: '',
				placeholder: 'e.g. CZ',
				description:
					'ISO 3166-1 alpha-2 code of the country assumed for phone numbers written without a +calling code. Without it such numbers are invalid.',
			},
			{
				displayName: 'Max Attempts',
				name: 'maxAttempts',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_MAX_ATTEMPTS },
				default: DEFAULT_MAX_ATTEMPTS,
				description:
					'How many times to send an item when no answer comes back (connection refused or reset, timeout) or a gateway fails (HTTP 502, 503, 504), waiting longer after each try. An answer of BizKitHub is never sent again.',
			},
			{
				displayName: 'Max Rate-Limit Wait (Seconds)',
				name: 'maxRateLimitWait',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: MAX_MAX_RATE_LIMIT_WAIT_S },
				default: DEFAULT_MAX_RATE_LIMIT_WAIT_S,
				description:
					"The longest an item waits when BizKitHub's rate limit asks it to (429 with Retry-After, or no requests left until X-RateLimit-Reset), all its waits together, up to a day. An item that would have to wait longer fails with a message saying how long.",
			},
			{
				displayName: 'Request Timeout (Ms)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: MAX_TIMEOUT_MS, numberPrecision: 0 },
				default: DEFAULT_TIMEOUT_MS,
				description:
					'The longest one request may take, from sending until the whole answer is in, before it counts as failed (and is tried again, up to Max Attempts). 0 means no limit. A whole number of milliseconds; other values are refused.',
			},
			{
				displayName: 'Validate Only',
				name: 'validateOnly',
				type: 'boolean',
				default: false,
				description:
					'Whether to check, normalize and route the items without sending anything to BizKitHub. Read for each item, so an expression can decide item by item; a value that is not true or false (or yes/no, 1/0) is an error for that item, never a send.',
			},
		],
	},
];

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
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const routed: Routing = new Array(items.length);
	const invalidIssues: ValidationIssue[][] = [];
	try {
		const pending = await prepareItems.call(
			this,
			items.length,
			routed,
			invalidIssues,
			continueOnFail,
		);
		if (pending.length > 0) await sendItems.call(this, pending, routed, continueOnFail);
	} catch (error) {
		if (!continueOnFail) throw asNodeError(this, error as Error);
		failUnrouted(this, routed, error as Error);
	}
	const hint = invalidItemsHint(invalidIssues, items.length);
	if (hint) this.addExecutionHints?.(hint);
	return isToolMode(this)
		? toToolOutput(routed as RoutedItem[])
		: toOutputs(routed as RoutedItem[]);
}
