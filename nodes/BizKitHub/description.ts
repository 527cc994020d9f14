import type { INodeProperties } from 'n8n-workflow';

export const DEFAULT_CONCURRENCY = 5;
export const MAX_CONCURRENCY = 50;

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
				displayName: 'Validate Only',
				name: 'validateOnly',
				type: 'boolean',
				default: false,
				description:
					'Whether to check, normalize and route the items without sending anything to BizKitHub',
			},
		],
	},
];
