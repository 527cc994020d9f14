import type { INodeProperties } from 'n8n-workflow';

import { shownFor, type Operations } from '../operation';
import * as registerAccount from './registerAccount/registerAccount.operation';

/** Customer: the shoppers' accounts of a BizKitHub organisation. */
export const operations = { registerAccount } satisfies Operations;

export const description: INodeProperties[] = [
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
	...shownFor('customer', 'registerAccount', registerAccount.properties),
];
