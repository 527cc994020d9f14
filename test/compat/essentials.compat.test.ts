/**
 * The essentials on the older n8n releases users still run (`npm run test:compat`): the package
 * installed as n8n installs it into n8n 1.123 (on Node 22 and 20) and 2.35 (on Node 22); workflows executed
 * headless; the credential test and Stop through a running server. The full suites run on
 * n8n 2.41.1 (`npm run test:e2e`, `test:ui`, `test:queue`).
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { DEMO_CUSTOMERS } from '../../sandbox/demoCustomers';
import { EXAMPLE_FILES, startSandbox } from '../../sandbox/server';
import { exampleWorkflow } from '../../scripts/lib/examples';
import { COMPAT } from '../../scripts/lib/runtime';
import { sandboxCredential } from '../../scripts/lib/sandboxCredential';
import {
	BIZKITHUB_NODE,
	autoMapParameters,
	bizKitHubWorkflow,
	literalItems,
} from '../../scripts/lib/workflows';
import {
	AGENT,
	AGENT_SANDBOX_CREDENTIAL,
	agentWorkflow,
	openAiCredential,
} from '../e2e/helpers/agentWorkflow';
import { startFakeOpenAi } from '../e2e/helpers/fakeOpenAi';
import { createInstance, nodeOutputs } from '../e2e/helpers/n8nInstance';
import { startN8nServer } from '../e2e/helpers/n8nServer';
import { SUCCESS } from '../helpers/outputs';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/**
 * The AI Agent versions to call the tool from: 2.2 (tools called through n8n-core) and the
 * release's newest (3 on n8n 1.123, 3.1 on 2.35: tools run as ordinary nodes).
 */
const agentVersions = (n8nVersion: string) => [2.2, n8nVersion.startsWith('1.') ? 3 : 3.1];
const agentWorkflowId = (version: number) =>
	`compatAgentV${String(version).replace('.', '')}`.padEnd(16, '0');
const agentCustomer = (version: number) => ({
	email: `agent.v${version}@example.com`,
	password: `agent-pw-${version}`,
	firstName: 'Ada',
});

const SIXTY = Array.from({ length: 60 }, (_, index) => ({
	email: `limited${index}@example.com`,
	password: `pw-${index}`,
}));

/** How long the Stop workflow may run before n8n stops it, should the test's Stop fail, in seconds. */
const WORKFLOW_TIMEOUT_S = 60;

/** A webhook that registers the posted customer. */
function stopWorkflow(credentialId: string) {
	return {
		id: 'compatStopHook01',
		name: 'Stopped while waiting for the rate limit',
		active: false,
		settings: { executionOrder: 'v1', executionTimeout: WORKFLOW_TIMEOUT_S },
		nodes: [
			{
				id: 'compat-stop-w',
				name: 'Sign-up',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'compat-stop-hook',
				parameters: {
					httpMethod: 'POST',
					path: 'compat-stop',
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			{
				id: 'compat-stop-b',
				name: BIZKITHUB_NODE,
				type: 'n8n-nodes-bizkithub.bizKitHub',
				typeVersion: 1,
				position: [300, 0],
				parameters: {
					...autoMapParameters({ maxRateLimitWait: 900 }),
					columns: {
						mappingMode: 'defineBelow',
						value: { email: '={{ $json.body.email }}', password: '={{ $json.body.password }}' },
						matchingColumns: [],
						schema: [],
					},
				},
				credentials: { bizKitHubApi: { id: credentialId, name: credentialId } },
			},
		],
		connections: {
			'Sign-up': { main: [[{ node: BIZKITHUB_NODE, type: 'main', index: 0 }]] },
		},
	};
}

/** Posts to a webhook until it is registered (n8n answers its readiness check first). */
async function postToWebhook(url: string, body: object) {
	for (let attempt = 0; ; attempt++) {
		const started = Date.now();
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(120000),
		});
		await response.arrayBuffer();
		if (response.status !== 404 || attempt >= 60)
			return { ms: Date.now() - started, status: response.status };
		await sleep(500);
	}
}

describe.each(COMPAT.map((release) => [`n8n ${release.n8n} on Node ${release.node}`, release]))(
	'%s',
	(_name, release) => {
		let sandbox: Sandbox;
		let limited: Sandbox;
		let exhausted: Sandbox;
		let openAi: Awaited<ReturnType<typeof startFakeOpenAi>>;
		let instance: Awaited<ReturnType<typeof createInstance>>;
		let server: Awaited<ReturnType<typeof startN8nServer>>;

		beforeAll(async () => {
			sandbox = await startSandbox({ customers: DEMO_CUSTOMERS, files: EXAMPLE_FILES });
			limited = await startSandbox({ rateLimit: { limit: 20, windowMs: 1000, burst: 5 } });
			exhausted = await startSandbox();
			// Another client spent the key's quota for ten minutes: every request waits that long.
			exhausted.exhaust(exhausted.keys.dev, 600);
			openAi = await startFakeOpenAi();
			instance = await createInstance({
				release,
				credentials: [
					sandboxCredential(sandbox.url),
					sandboxCredential(limited.url, limited.keys.dev, 'limitedSandbox01'),
					sandboxCredential(sandbox.url, sandbox.keys.dev, AGENT_SANDBOX_CREDENTIAL),
					openAiCredential(openAi.url),
				],
			});
			await instance.importWorkflows([
				exampleWorkflow('demo-workflow.json', sandbox.url),
				bizKitHubWorkflow({
					id: 'compatLimited001',
					credentialId: 'limitedSandbox01',
					parameters: autoMapParameters(),
					inputCode: literalItems(SIXTY),
				}),
				...agentVersions(release.n8n).map((version) =>
					agentWorkflow(agentWorkflowId(version), version, [agentCustomer(version)]),
				),
			]);
			server = await startN8nServer({
				release,
				credentials: [sandboxCredential(exhausted.url, exhausted.keys.dev, 'exhaustedKey0001')],
				workflows: [stopWorkflow('exhaustedKey0001')],
			});
		});

		afterAll(async () => {
			instance?.cleanup();
			await server?.stop();
			await Promise.all([sandbox, limited, exhausted, openAi].map((each) => each?.close()));
		});

		test('the demo routes its eleven customers to the six outputs as the README says', async () => {
			const { run } = await instance.execute('bizkithubDemo01');
			expect(run?.data?.resultData?.error).toBeUndefined();
			const outputs = nodeOutputs(run, BIZKITHUB_NODE) as INodeExecutionData[][];
			expect(outputs.map((items) => items.length)).toEqual([4, 1, 1, 1, 1, 3]);
		});

		test('60 items under a rate limit of 20 a second: every one registered once, none lost', async () => {
			const { run } = await instance.execute('compatLimited001');
			const outputs = nodeOutputs(run, BIZKITHUB_NODE) as INodeExecutionData[][];
			expect(outputs[SUCCESS].map((item) => (item.pairedItem as { item: number }).item)).toEqual(
				SIXTY.map((_, index) => index),
			);
			const registered = limited.registeredAddresses();
			expect(new Set(registered).size).toBe(60);
			expect(registered).toHaveLength(60);
		});

		test.each(agentVersions(release.n8n))(
			'AI Agent %s registers the customer with BizKitHub Tool and says so',
			async (version) => {
				const { run, printed } = await instance.execute(agentWorkflowId(version));
				const items = nodeOutputs(run, AGENT)[0] as INodeExecutionData[] | undefined;
				if (!items) throw new Error(`the agent gave no output:\n${printed.slice(-3000)}`);
				expect(String(items[0].json.output)).toMatch(/Outcome: registered\b/);
				const customer = agentCustomer(version);
				const sent = sandbox
					.registrations()
					.filter((request) => request.body?.email === customer.email);
				// Once, with exactly the fields the model supplied.
				expect(sent.map((request) => request.body)).toEqual([customer]);
			},
		);

		test('the credential test passes with a key BizKitHub knows and names a key it does not', async () => {
			const test = (apiKey: string) =>
				server.call('POST', '/rest/credentials/test', {
					credentials: {
						id: 'exhaustedKey0001',
						name: 'BizKitHub sandbox',
						type: 'bizKitHubApi',
						data: { apiKey, baseUrl: sandbox.url },
					},
				});
			expect((await test(sandbox.keys.dev)).json.data).toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
			const unknown = await test(sandbox.keys.unknown);
			expect(unknown.json.data.status).toBe('Error');
			// n8n 1.x does not apply a credential's rules to an error status: it says it in its own words.
			expect(unknown.json.data.message).toMatch(
				release.n8n.startsWith('1.')
					? /^The service was not able to process your request$/
					: /does not know this API key/,
			);
		});

		test("Stop (the editor's Stop button) during a rate-limit wait ends the wait within a second, leaving no timer", async () => {
			expect((await server.probe()).longTimerSites).toEqual([]);
			const posted = postToWebhook(`${server.url}/webhook/compat-stop`, {
				email: 'waiting@example.com',
				password: 'pw-wait',
			});
			// The request was refused for ten minutes, which Max Rate-Limit Wait (15) allows: the node waits,
			// on a timer of the package's own, until the execution is stopped.
			let answered = false;
			void posted.then(() => (answered = true));
			let waiting = 0;
			while (!answered && waiting === 0) {
				await sleep(50);
				waiting = (await server.probe()).longTimers;
			}
			expect(waiting).toBe(1);
			expect(exhausted.stats.rateLimited).toBe(1);
			const running = await server.call('GET', '/rest/executions');
			const ids = (running.json.data.results as Array<{ id: string; status: string }>)
				.filter((execution) => execution.status === 'running')
				.map((execution) => execution.id);
			expect(ids).toHaveLength(1);
			const stopped = Date.now();
			expect((await server.call('POST', `/rest/executions/${ids[0]}/stop`)).status).toBe(200);
			// The Stop ended the wait: no timer of the package's is left, within a second.
			let left = await server.probe();
			while (left.longTimers > 0 && Date.now() - stopped < 5000) {
				await sleep(20);
				left = await server.probe();
			}
			// (Where each timer left was set, should one be.)
			expect(left.longTimerSites).toEqual([]);
			expect(Date.now() - stopped).toBeLessThan(1000);
			await posted;
			expect(Date.now() - stopped).toBeLessThan(1000);
			// Stopped, not refused again or sent: the sandbox saw the one request.
			expect(exhausted.stats.rateLimited).toBe(1);
			expect(exhausted.registeredAddresses()).toEqual([]);
		});
	},
);
