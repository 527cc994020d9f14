import { ExecuteContext, RoutingNode } from 'n8n-core';
import type { ICredentialDataDecryptedObject, INode, INodeType } from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { BizKitHubApi } from '../../credentials/BizKitHubApi.credentials';
import { BizKitHub } from '../../nodes/BizKitHub/BizKitHub.node';
import { additionalData } from './additionalData';
import { TestCredentialsHelper } from './credentialsHelper';
import { NODE_TYPE } from './runWorkflow';

export type CredentialTestResult =
	| { status: 'OK' }
	| { status: 'Error'; message: string; statusCode?: number };

/**
 * Runs the credential's `test` request the way n8n's credentials tester does: a temporary node
 * whose only property routes that request, run by n8n-core's RoutingNode with the credential.
 */
export async function testCredential(
	data: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const credentialType = new BizKitHubApi();
	const base = new BizKitHub();
	const nodeType: INodeType = {
		description: {
			...base.description,
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: credentialType.test.request },
				},
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credentialType.name]: { id: 'test', name: 'test' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	const credentialsHelper = new TestCredentialsHelper(
		{ [credentialType.name]: credentialType },
		{ [credentialType.name]: data },
	);
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData({ credentialsHelper }),
		'internal',
		createRunExecutionData({ executionData: null }),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const credentials = { id: 'test', name: 'test', type: credentialType.name, data };
	try {
		await new RoutingNode(context, nodeType, credentials).runNode();
		return { status: 'OK' };
	} catch (error) {
		const response = (error as { cause?: { response?: { status: number } } }).cause?.response;
		if (response) {
			const rule = credentialType.test.rules?.find(
				(candidate) =>
					candidate.type === 'responseCode' && candidate.properties.value === response.status,
			);
			return {
				status: 'Error',
				statusCode: response.status,
				message: rule?.properties.message ?? `HTTP ${response.status}`,
			};
		}
		return { status: 'Error', message: (error as Error).message };
	}
}
