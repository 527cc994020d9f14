import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowBase,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, sleep, Workflow } from 'n8n-workflow';

import { BizKitHubApi } from '../../credentials/BizKitHubApi.credentials';
import { BizKitHub } from '../../nodes/BizKitHub/BizKitHub.node';
import { additionalData } from './additionalData';
import { TestCredentialsHelper } from './credentialsHelper';
import { ItemsSource } from './itemsSourceNode';

export const NODE_TYPE = 'n8n-nodes-bizkithub.bizKitHub';
/** The type n8n gives the node's variant for AI agents ("BizKitHub Tool"). */
export const TOOL_NODE_TYPE = `${NODE_TYPE}Tool`;
const SOURCE_TYPE = 'test.itemsSource';
const NODE_NAME = 'BizKitHub';

class TestNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType> = {
		[NODE_TYPE]: new BizKitHub(),
		[TOOL_NODE_TYPE]: new BizKitHub(),
		[SOURCE_TYPE]: new ItemsSource(),
	};

	getByName(type: string): INodeType {
		return this.types[type];
	}

	getByNameAndVersion(type: string): INodeType {
		return this.types[type];
	}

	getKnownTypes() {
		return {};
	}
}

/**
 * A BizKitHub node with these parameters in a workflow of its own, as n8n holds it (defaults
 * filled in), to evaluate what n8n works out from its description.
 */
function nodeInWorkflow(parameters: INodeParameters) {
	const nodeTypes = new TestNodeTypes();
	const node = {
		id: 'bizkithub',
		name: NODE_NAME,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters,
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return {
		workflow,
		node: workflow.getNode(NODE_NAME)!,
		description: nodeTypes.getByName(NODE_TYPE).description,
	};
}

/**
 * The BizKitHub node's outputs as n8n works them out for a node with these parameters (the editor
 * and the engine both read them this way: defaults filled in, the outputs expression evaluated).
 */
export function outputsFor(parameters: INodeParameters) {
	const { workflow, node, description } = nodeInWorkflow(parameters);
	return NodeHelpers.getNodeOutputs(workflow, node, description);
}

/** The subtitle the canvas shows under a BizKitHub node with these parameters. */
export function subtitleFor(parameters: INodeParameters) {
	const { workflow, node, description } = nodeInWorkflow(parameters);
	return workflow.expression.getSimpleParameterValue(node, description.subtitle!, 'internal', {});
}

export interface RunOptions {
	items: object[];
	/** The BizKitHub node's parameters (resource, operation, columns, options). */
	parameters: INodeParameters;
	credentials?: ICredentialDataDecryptedObject;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/** Stops the execution this long after it started, as the editor's Stop button does. */
	stopAfterMs?: number;
	/** Runs the node as its tool variant, as an AI agent of version 3 does. */
	asTool?: boolean;
}

export interface RunResult {
	/** The BizKitHub node's outputs: six, and a seventh (n8n's Error output) with continueErrorOutput. */
	outputs: INodeExecutionData[][];
	/** The error that stopped the workflow, if any. */
	error?: Error & { description?: string; context?: Record<string, unknown> };
	run: IRun;
}

/** Runs Input -> BizKitHub in n8n's own execution engine (n8n-core's WorkflowExecute). */
export async function runWorkflow(options: RunOptions): Promise<RunResult> {
	const nodeTypes = new TestNodeTypes();
	const workflowData: IWorkflowBase = {
		id: 'test-workflow',
		name: 'BizKitHub test',
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
		nodes: [
			{
				id: 'input',
				name: 'Input',
				type: SOURCE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { items: JSON.stringify(options.items) },
			},
			{
				id: 'bizkithub',
				name: NODE_NAME,
				type: options.asTool ? TOOL_NODE_TYPE : NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: options.parameters,
				credentials: { bizKitHubApi: { id: 'sandbox', name: 'BizKitHub sandbox' } },
				...(options.onError ? { onError: options.onError } : {}),
			},
		],
		connections: { Input: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
	const workflow = new Workflow({
		id: workflowData.id,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes,
		settings: workflowData.settings,
	});

	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', workflowData);
	let resolveFinished: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (resolveFinished = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveFinished(run));

	const credentialsHelper = new TestCredentialsHelper(
		{ bizKitHubApi: new BizKitHubApi() },
		options.credentials ? { bizKitHubApi: options.credentials } : {},
	);
	const data = additionalData({ hooks, credentialsHelper });

	const startNode = workflow.getNode('Input')!;
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});

	const execution = new WorkflowExecute(data, 'manual', runExecutionData).processRunExecutionData(
		workflow,
	);
	if (options.stopAfterMs !== undefined) {
		const over = new AbortController();
		sleep(options.stopAfterMs, over.signal).then(
			() => execution.cancel(),
			() => undefined,
		);
		void execution.finally(() => over.abort());
	}
	await execution;
	const run = await finished;
	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	return {
		outputs: (taskData?.data?.main ?? []).map((items: INodeExecutionData[] | null) => items ?? []),
		error: (taskData?.error ?? run.data.resultData.error) as RunResult['error'],
		run,
	};
}
