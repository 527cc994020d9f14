import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { findOperation } from './resources';

/** Runs the operation the node is set to (Resource and Operation are the same for every item). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0);
	const operation = this.getNodeParameter('operation', 0);
	const selected = findOperation(resource, operation);
	if (!selected) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${String(operation)}" of resource "${String(resource)}" is not supported by this version of the node`,
			{ description: 'Pick a Resource and an Operation from the lists in the node.' },
		);
	}
	return await selected.execute.call(this);
}
