import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { ApplicationError } from 'n8n-workflow';

import {
	API_KEY_FORMAT_MESSAGE,
	API_KEY_QUERY_PARAMETER,
	DEFAULT_BASE_URL,
	PING_PATH,
	isWellFormedApiKey,
} from '../nodes/BizKitHub/api/contract';

export class BizKitHubApi implements ICredentialType {
	name = 'bizKitHubApi';

	displayName = 'BizKitHub API';

	icon: Icon = {
		light: 'file:../nodes/BizKitHub/bizkithub.svg',
		dark: 'file:../nodes/BizKitHub/bizkithub.dark.svg',
	};

	documentationUrl = 'https://github.com/bizkithub/n8n-nodes-bizkithub#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'e.g. PROD and then 28 letters or digits',
			description:
				'Your BizKitHub API key: 32 characters starting with PROD, DEV_ or ROOT. Sent as the apiKey query parameter.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			placeholder: `e.g. ${DEFAULT_BASE_URL}`,
			description: `Where the BizKitHub API is served. Change it only for a staging host or a local sandbox; left empty, ${DEFAULT_BASE_URL} is used.`,
		},
	];

	/**
	 * Adds the key as the `apiKey` query parameter. A key that does not have the documented
	 * format is refused here, before any request is made (this also runs for the credential test).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const apiKey = credentials.apiKey;
		if (!isWellFormedApiKey(apiKey)) {
			throw new ApplicationError(API_KEY_FORMAT_MESSAGE, { level: 'warning' });
		}
		return {
			...requestOptions,
			qs: { ...(requestOptions.qs ?? {}), [API_KEY_QUERY_PARAMETER]: apiKey },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			// An emptied Base URL means the default host, as it does in the node.
			baseURL: `={{ String($credentials.baseUrl || '').trim() || '${DEFAULT_BASE_URL}' }}`,
			url: PING_PATH,
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 500,
					message:
						'BizKitHub does not know this API key (PUBLIC_API_KEY_DOES_NOT_EXIST), or it failed to answer. Check the key and the Base URL.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 429,
					message: 'BizKitHub answered 429: this key is over its rate limit. Try again later.',
				},
			},
		],
	};
}
