// @ts-check
'use strict';

// Workflows built in code, in n8n's import format: Manual Trigger -> Code "Input" -> one node.

const INPUT_NODE = 'Input';
const BIZKITHUB_NODE = 'BizKitHub';

/** Items written into the Code node as literal JSON. */
function literalItems(items) {
	return `return ${JSON.stringify(items)}.map((json) => ({ json }));`;
}

/**
 * @param {string} id the workflow's id
 * @param {string} inputCode JavaScript for the Code node; it returns an array of `{ json }`
 * @param {object} node the node the items go to: name, type, typeVersion, parameters, and any
 *   other node fields (credentials, onError)
 */
function workflowFeeding(id, inputCode, node) {
	return {
		id,
		name: `${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-t`,
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: `${id}-c`,
				name: INPUT_NODE,
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode: inputCode },
			},
			{ id: `${id}-n`, position: [400, 0], ...node },
		],
		connections: {
			Start: { main: [[{ node: INPUT_NODE, type: 'main', index: 0 }]] },
			[INPUT_NODE]: { main: [[{ node: node.name, type: 'main', index: 0 }]] },
		},
	};
}

/**
 * A workflow that feeds the BizKitHub node.
 * @param {{ id: string, inputCode: string, parameters: object, credentialId: string, onError?: string }} spec
 */
function bizKitHubWorkflow(spec) {
	return workflowFeeding(spec.id, spec.inputCode, {
		name: BIZKITHUB_NODE,
		type: 'n8n-nodes-bizkithub.bizKitHub',
		typeVersion: 1,
		parameters: spec.parameters,
		credentials: { bizKitHubApi: { id: spec.credentialId, name: spec.credentialId } },
		...(spec.onError ? { onError: spec.onError } : {}),
	});
}

/** The BizKitHub node's parameters in "Map Automatically" mode. */
function autoMapParameters(options = {}) {
	return registerAccountParameters('autoMapInputData', null, options);
}

/**
 * The BizKitHub node's parameters in "Map Each Field Below" mode.
 * @param {Record<string, unknown>} value API field names to values or expressions
 */
function defineBelowParameters(value, options = {}) {
	return registerAccountParameters('defineBelow', value, options);
}

function registerAccountParameters(mappingMode, value, options) {
	return {
		resource: 'customer',
		operation: 'registerAccount',
		columns: { mappingMode, value, matchingColumns: [], schema: [] },
		options,
	};
}

module.exports = {
	INPUT_NODE,
	BIZKITHUB_NODE,
	literalItems,
	workflowFeeding,
	bizKitHubWorkflow,
	autoMapParameters,
	defineBelowParameters,
};
