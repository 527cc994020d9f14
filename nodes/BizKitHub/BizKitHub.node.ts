import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeRegisterAccount } from './actions/registerAccount';
import { nodeProperties } from './description';
import { getApiFields } from './methods/resourceMapping';
import { OUTPUT_NAMES } from './outputs';

export class BizKitHub implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BizKitHub',
		name: 'bizKitHub',
		icon: { light: 'file:bizkithub.svg', dark: 'file:bizkithub.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Register customer accounts in BizKitHub',
		defaults: { name: 'BizKitHub' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUT_NAMES.map(() => NodeConnectionTypes.Main),
		outputNames: [...OUTPUT_NAMES],
		credentials: [{ name: 'bizKitHubApi', required: true }],
		properties: nodeProperties,
	};

	methods = { resourceMapping: { getApiFields } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeRegisterAccount.call(this);
	}
}
