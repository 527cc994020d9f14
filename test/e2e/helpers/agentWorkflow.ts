/**
 * A workflow in which n8n's AI Agent registers customers with "BizKitHub Tool": its OpenAI Chat
 * Model talks to the scripted stand-in (fakeOpenAi.js) through the credential `openAiCredential`
 * makes, the tool to the BizKitHub credential with id AGENT_SANDBOX_CREDENTIAL.
 */
import {
	defineBelowParameters,
	literalItems,
	workflowFeeding,
} from '../../../scripts/lib/workflows';

export const AGENT_SANDBOX_CREDENTIAL = 'agentSandbox0001';
const OPENAI_CREDENTIAL = 'fakeOpenAi000001';

/** The credential of the OpenAI stand-in at `url`. */
export const openAiCredential = (url: string) => ({
	id: OPENAI_CREDENTIAL,
	name: 'Fake OpenAI',
	type: 'openAiApi',
	data: { apiKey: 'fake-openai-key-for-tests', url },
});

export const AGENT = 'AI Agent';
const fromAi = (key: string, description: string) =>
	`={{ $fromAI('${key}', '${description}', 'string') }}`;

/** What the user asks, with the customer's fields as JSON for the scripted model to pass on. */
const ask = (fields: object) => ({
	prompt: `Please register this customer in our shop: ${JSON.stringify(fields)}`,
});

export function agentWorkflow(id: string, agentVersion: number, customers: object[]) {
	const workflow = workflowFeeding(id, literalItems(customers.map(ask)), {
		name: AGENT,
		type: '@n8n/n8n-nodes-langchain.agent',
		typeVersion: agentVersion,
		parameters: { promptType: 'define', text: '={{ $json.prompt }}', options: {} },
	});
	workflow.nodes.push(
		{
			id: `${id}-m`,
			name: 'OpenAI Chat Model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.2,
			position: [400, 200],
			parameters: { model: { __rl: true, mode: 'id', value: 'fake-model' }, options: {} },
			credentials: { openAiApi: { id: OPENAI_CREDENTIAL, name: 'Fake OpenAI' } },
		} as never,
		{
			id: `${id}-b`,
			name: 'BizKitHub Tool',
			type: 'n8n-nodes-bizkithub.bizKitHubTool',
			typeVersion: 1,
			position: [600, 200],
			parameters: defineBelowParameters({
				email: fromAi('email', 'The e-mail address of the customer'),
				password: fromAi('password', 'The password for the new account'),
				firstName: fromAi('firstName', 'The first name of the customer'),
			}),
			credentials: { bizKitHubApi: { id: AGENT_SANDBOX_CREDENTIAL, name: 'BizKitHub sandbox' } },
		} as never,
	);
	Object.assign(workflow.connections, {
		'OpenAI Chat Model': {
			ai_languageModel: [[{ node: AGENT, type: 'ai_languageModel', index: 0 }]],
		},
		'BizKitHub Tool': { ai_tool: [[{ node: AGENT, type: 'ai_tool', index: 0 }]] },
	});
	return workflow;
}
