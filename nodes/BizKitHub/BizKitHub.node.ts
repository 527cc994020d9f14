import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeOutputs, nodeProperties, nodeSubtitle } from './actions/nodeDescription';
import { router } from './actions/router';
import { resourceMapping } from './methods';

export class BizKitHub implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BizKitHub',
		name: 'bizKitHub',
		icon: { light: 'file:bizkithub.svg', dark: 'file:bizkithub.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: nodeSubtitle,
		description: 'Register customer accounts in BizKitHub',
		defaults: { name: 'BizKitHub' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: nodeOutputs,
		credentials: [{ name: 'bizKitHubApi', required: true }],
		properties: nodeProperties,
	};

	methods = { resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
