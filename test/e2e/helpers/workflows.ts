export const NODE_NAME = 'BizKitHub';
export const INPUT_NODE = 'Input';

export interface WorkflowSpec {
	id: string;
	/** JavaScript for the Code node that produces the input items; it must return an array of `{ json }`. */
	inputCode: string;
	parameters: Record<string, unknown>;
	credentialId: string;
	onError?: 'continueRegularOutput' | 'continueErrorOutput';
}

/** Items written into the Code node as literal JSON. */
export function literalItems(items: object[]): string {
	return `return ${JSON.stringify(items)}.map((json) => ({ json }));`;
}

/** Manual Trigger -> Code "Input" -> BizKitHub, as n8n's import format. */
export function workflow(spec: WorkflowSpec) {
	return {
		id: spec.id,
		name: `e2e ${spec.id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: `${spec.id}-t`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: `${spec.id}-c`, name: INPUT_NODE, type: 'n8n-nodes-base.code', typeVersion: 2, position: [200, 0], parameters: { jsCode: spec.inputCode } },
			{
				id: `${spec.id}-b`,
				name: NODE_NAME,
				type: 'n8n-nodes-bizkithub.bizKitHub',
				typeVersion: 1,
				position: [400, 0],
				parameters: spec.parameters,
				credentials: { bizKitHubApi: { id: spec.credentialId, name: spec.credentialId } },
				...(spec.onError ? { onError: spec.onError } : {}),
			},
		],
		connections: {
			Start: { main: [[{ node: INPUT_NODE, type: 'main', index: 0 }]] },
			[INPUT_NODE]: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] },
		},
	};
}
