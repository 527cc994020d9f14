import type { INodeProperties } from 'n8n-workflow';

export const DEFAULT_CONCURRENCY = 5;
export const MAX_CONCURRENCY = 50;
export const DEFAULT_MAX_ATTEMPTS = 4;
export const MAX_MAX_ATTEMPTS = 10;
export const DEFAULT_MAX_RATE_LIMIT_WAIT_S = 300;
export const DEFAULT_TIMEOUT_MS = 30000;
/** The longest timer Node.js can hold (2^31 - 1 ms, about 24.8 days). */
export const MAX_TIMEOUT_MS = 2147483647;

export const nodeProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Customer', value: 'customer' }],
		default: 'customer',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{
				name: 'Register Account',
				value: 'registerAccount',
				action: 'Register a customer account',
				description:
					'Create a shopper account with e-mail and password; BizKitHub sends a confirmation e-mail',
			},
		],
		default: 'registerAccount',
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
		displayOptions: { show: { resource: ['customer'], operation: ['registerAccount'] } },
		description:
			'Which customer data goes into which API field. Empty optional fields are left out. In "Map Automatically" mode, input fields named like API fields are used and all others are ignored.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { resource: ['customer'], operation: ['registerAccount'] } },
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
				placeholder: 'CZ',
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
				typeOptions: { minValue: 0 },
				default: DEFAULT_MAX_RATE_LIMIT_WAIT_S,
				description:
					"The longest the node waits when BizKitHub's rate limit asks it to (429 with Retry-After, or no requests left until X-RateLimit-Reset). An item that would have to wait longer fails with a message saying how long the API asked to wait.",
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
