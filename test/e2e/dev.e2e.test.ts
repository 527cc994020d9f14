/** What `npm run dev` serves, checked over HTTP against the running n8n. */
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

test('the editor serves its page and lists the BizKitHub node with its six outputs', async () => {
	const page = await fetch(dev.url);
	expect(page.status).toBe(200);
	expect(await page.text()).toMatch(/<html/i);

	const types = await dev.call('GET', '/types/nodes.json');
	expect(types.status).toBe(200);
	const node = (types.json as Array<{ name: string; outputNames?: string[]; credentials?: Array<{ name: string }> }>).find(
		(type) => type.name === 'n8n-nodes-bizkithub.bizKitHub',
	);
	expect(node?.outputNames).toEqual([
		'Success', 'E001 Register Failed', 'E002 Already Registered', 'E003 Banned', 'E004 Too Many Attempts', 'Invalid',
	]);
	expect(node?.credentials).toEqual([{ name: 'bizKitHubApi', required: true }]);
});

test('the example workflows and the sandbox credential are there', async () => {
	const workflows = await dev.call('GET', '/rest/workflows');
	const names = (workflows.json.data as Array<{ name: string }>).map((workflow) => workflow.name);
	expect(names).toContain('BizKitHub demo: register a mixed batch');
	const credentials = await dev.call('GET', '/rest/credentials');
	expect((credentials.json.data as Array<{ name: string; type: string }>)).toContainEqual(
		expect.objectContaining({ name: 'BizKitHub sandbox', type: 'bizKitHubApi' }),
	);
});

describe('the credential test in n8n', () => {
	const credentialTest = (apiKey: string) =>
		dev.call('POST', '/rest/credentials/test', {
			credentials: { id: SANDBOX_CREDENTIAL_ID, name: 'BizKitHub sandbox', type: 'bizKitHubApi', data: { apiKey, baseUrl: dev.sandbox.url } },
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
