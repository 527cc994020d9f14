/** What `npm run dev` serves, checked over HTTP against the running n8n. */
import type { INodeOutputConfiguration, INodeTypeDescription, INodeTypes } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { OUTPUT_NAMES } from '../helpers/expectedNames';
import { SANDBOX_CREDENTIAL_ID } from '../../scripts/lib/sandboxCredential';
import { startDevServer } from './helpers/devServer';

type DevServer = Awaited<ReturnType<typeof startDevServer>>;

let dev: DevServer;

beforeAll(async () => {
	dev = await startDevServer();
});

afterAll(async () => {
	await dev?.stop();
});

/** The output names the editor shows for a new BizKitHub node, worked out as the editor does. */
function servedOutputNames(description: INodeTypeDescription) {
	const nodeTypes = {
		getByName: () => ({ description }),
		getByNameAndVersion: () => ({ description }),
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const workflow = new Workflow({
		nodes: [
			{
				id: 'bizkithub',
				name: 'BizKitHub',
				type: description.name,
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
		],
		connections: {},
		active: false,
		nodeTypes,
	});
	const outputs = NodeHelpers.getNodeOutputs(workflow, workflow.getNode('BizKitHub')!, description);
	return outputs.map((output) => (output as INodeOutputConfiguration).displayName);
}

test('the editor serves its page and lists the BizKitHub node with its six outputs', async () => {
	const page = await fetch(dev.url);
	expect(page.status).toBe(200);
	expect(await page.text()).toMatch(/<html/i);

	const types = await dev.call('GET', '/types/nodes.json');
	expect(types.status).toBe(200);
	const node = (types.json as INodeTypeDescription[]).find(
		(type) => type.name === 'n8n-nodes-bizkithub.bizKitHub',
	);
	expect(node).toBeDefined();
	expect(servedOutputNames(node!)).toEqual(OUTPUT_NAMES);
	expect(node?.credentials).toEqual([{ name: 'bizKitHubApi', required: true }]);
});

test('the example workflows and the sandbox credential are there', async () => {
	const workflows = await dev.call('GET', '/rest/workflows');
	const names = (workflows.json.data as Array<{ name: string }>).map((workflow) => workflow.name);
	expect(names).toEqual(
		expect.arrayContaining([
			'BizKitHub demo: register a mixed batch',
			'BizKitHub: register customers from a CSV file',
			'BizKitHub: register shoppers from a sign-up form (webhook)',
		]),
	);
	const credentials = await dev.call('GET', '/rest/credentials');
	expect(credentials.json.data as Array<{ name: string; type: string }>).toContainEqual(
		expect.objectContaining({ name: 'BizKitHub sandbox', type: 'bizKitHubApi' }),
	);
});

describe('the credential test in n8n', () => {
	const credentialTest = (apiKey: string) =>
		dev.call('POST', '/rest/credentials/test', {
			credentials: {
				id: SANDBOX_CREDENTIAL_ID,
				name: 'BizKitHub sandbox',
				type: 'bizKitHubApi',
				data: { apiKey, baseUrl: dev.sandbox.url },
			},
		});

	test('passes with a key the sandbox knows, calling the ping endpoint', async () => {
		const answer = await credentialTest(dev.sandbox.keys.dev);
		expect(answer.json.data).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(dev.sandbox.requests.at(-1)).toMatchObject({ method: 'GET', path: '/api/v1/ping/' });
	});

	test('fails with a clear message for a key BizKitHub does not know', async () => {
		const answer = await credentialTest(dev.sandbox.keys.unknown);
		expect(answer.json.data.status).toBe('Error');
		expect(answer.json.data.message).toMatch(/does not know this API key/);
		expect(JSON.stringify(answer.json)).not.toContain(dev.sandbox.keys.unknown);
	});

	test('refuses a key of the wrong format before any request, saying what the format is', async () => {
		const before = dev.sandbox.requests.length;
		const answer = await credentialTest('PROD-not-a-key');
		expect(answer.json.data.status).toBe('Error');
		expect(answer.json.data.message).toMatch(/32 characters, starting with PROD, DEV_ or ROOT/);
		expect(dev.sandbox.requests.length).toBe(before);
	});
});

describe('the sign-up webhook example, published by dev', () => {
	const signUp = async (body: object) => {
		const response = await fetch(`${dev.url}/webhook/register-customer`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
		return {
			status: response.status,
			json: (await response.json()) as { registered: boolean; code?: string; message: string },
		};
	};

	test.each([
		[
			{
				email: 'web.new@example.com',
				password: 'web-pw-1',
				firstName: 'Web',
				phone: '+420 777 000 111',
			},
			201,
			undefined,
		],
		[{ email: 'returning.customer@example.com', password: 'web-pw-2' }, 409, 'E002'],
		[{ email: 'blocked@example.com', password: 'web-pw-3' }, 403, 'E003'],
		[{ email: 'pending.signup@example.com', password: 'web-pw-4' }, 429, 'E004'],
		[{ email: 'web.flaky+e001@example.com', password: 'web-pw-5' }, 502, 'E001'],
		[{ email: 'web.down+hangup@example.com', password: 'web-pw-6' }, 503, 'UNAVAILABLE'],
	])('%j answers HTTP %i', async (body, status, code) => {
		const answer = await signUp(body);
		expect(answer.status).toBe(status);
		expect(answer.json.registered).toBe(status === 201);
		expect(answer.json.code).toBe(code);
		expect(answer.json.message.length).toBeGreaterThan(10);
	});

	test('an invalid form answers 422 listing every problem', async () => {
		const answer = await signUp({ email: 'not-an-address', password: '', phone: '12345' });
		expect(answer.status).toBe(422);
		expect(answer.json).toMatchObject({ registered: false, code: 'INVALID_INPUT' });
		expect(answer.json.message).toMatch(
			/email must be a valid e-mail address; password is required; phone has no country calling code/,
		);
	});
});
