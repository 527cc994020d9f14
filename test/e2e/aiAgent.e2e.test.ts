/**
 * "BizKitHub Tool" used by n8n's AI Agent in a real n8n 2.41.1: the agent's OpenAI Chat Model
 * talks to a scripted stand-in for OpenAI on 127.0.0.1, which calls the tool with the fields in
 * the user's request and then answers with what the tool returned; the tool talks to the sandbox.
 * Agent 2.x calls tools through n8n-core's tool invocation, 3.x runs them as ordinary nodes: both.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import { sandboxCredential } from '../../scripts/lib/sandboxCredential';
import {
	AGENT,
	AGENT_SANDBOX_CREDENTIAL,
	agentWorkflow,
	openAiCredential,
} from './helpers/agentWorkflow';
import { startFakeOpenAi } from './helpers/fakeOpenAi';
import { createInstance, nodeOutputs } from './helpers/n8nInstance';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let openAi: Awaited<ReturnType<typeof startFakeOpenAi>>;
let instance: Awaited<ReturnType<typeof createInstance>>;

const NEW_CUSTOMER = { email: 'agent.new@example.com', password: 'agent-pw-1', firstName: 'Ada' };
const KNOWN_CUSTOMER = {
	email: 'agent.known@example.com',
	password: 'agent-pw-2',
	firstName: 'Bo',
};
const BAD_ADDRESS = { email: 'not-an-address', password: 'agent-pw-3', firstName: 'Cy' };

beforeAll(async () => {
	sandbox = await startSandbox();
	openAi = await startFakeOpenAi();
	instance = await createInstance({
		credentials: [
			sandboxCredential(sandbox.url, sandbox.keys.dev, AGENT_SANDBOX_CREDENTIAL),
			openAiCredential(openAi.url),
		],
	});
	await instance.importWorkflows([
		agentWorkflow('e2eAgentV3000001', 3.1, [NEW_CUSTOMER]),
		agentWorkflow('e2eAgentV2000001', 2.2, [{ ...NEW_CUSTOMER, email: 'agent.v2@example.com' }]),
		agentWorkflow('e2eAgentOutcomes', 3.1, [KNOWN_CUSTOMER, BAD_ADDRESS]),
	]);
});

afterAll(async () => {
	instance?.cleanup();
	await openAi?.close();
	await sandbox?.close();
});

async function answers(id: string): Promise<string[]> {
	const { run, printed } = await instance.execute(id);
	const items = nodeOutputs(run, AGENT)[0] as INodeExecutionData[] | undefined;
	if (!items) throw new Error(`the agent gave no output:\n${printed.slice(-3000)}`);
	return items.map((item) => String(item.json.output));
}

const registrationsOf = (email: string) =>
	sandbox.registrations().filter((request) => request.body?.email === email);

test.each([
	['3.1', 'e2eAgentV3000001', NEW_CUSTOMER.email],
	['2.2', 'e2eAgentV2000001', 'agent.v2@example.com'],
])('AI Agent %s: a new address is registered, and the agent says so', async (_, id, email) => {
	const [answer] = await answers(id);
	expect(answer).toMatch(/Outcome: registered\b/);
	expect(answer).toMatch(/confirmation e-mail/);
	const sent = registrationsOf(email);
	expect(sent).toHaveLength(1);
	// Exactly the fields the model supplied, and nothing else.
	expect(sent[0].body).toEqual({ ...NEW_CUSTOMER, email });
});

test('the agent hears E002 for a registered address and the field to correct for an invalid one', async () => {
	sandbox.setCustomer(KNOWN_CUSTOMER.email, 'confirmed');
	const [known, invalid] = await answers('e2eAgentOutcomes');
	expect(known).toMatch(/Outcome: already_registered\. Error code: E002\./);
	expect(known).toMatch(/sign in or reset the password/);
	expect(invalid).toMatch(/Outcome: invalid\./);
	expect(invalid).toMatch(/Fields to correct: email/);
	expect(registrationsOf(BAD_ADDRESS.email)).toHaveLength(0);
	// The model was told what the tool does, with the package's default description.
	const offered = openAi.requests[0].tools[0].function;
	expect(offered.description).toMatch(/Registers one customer account in BizKitHub/);
	expect(offered.description).toMatch(/confirmation e-mail/);
	expect(Object.keys(offered.parameters.properties).sort()).toEqual([
		'email',
		'firstName',
		'password',
	]);
	// Every model call but the first of each conversation carried the tool's answer.
	const toolAnswers = openAi.requests.flatMap((request) =>
		request.messages.filter((message: { role: string }) => message.role === 'tool'),
	);
	expect(toolAnswers.length).toBeGreaterThanOrEqual(4);
});
