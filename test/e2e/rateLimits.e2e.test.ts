/** Retries and the rate limit, with the package in a real n8n 2.41.1 against the sandbox. */
import type { INodeExecutionData } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import { sandboxCredential } from '../../scripts/lib/sandboxCredential';
import {
	BIZKITHUB_NODE,
	autoMapParameters,
	bizKitHubWorkflow,
	literalItems,
} from '../../scripts/lib/workflows';
import { SUCCESS } from '../helpers/outputs';
import { createInstance, nodeOutputs } from './helpers/n8nInstance';

let limited: Awaited<ReturnType<typeof startSandbox>>;
let instance: Awaited<ReturnType<typeof createInstance>>;

const SIXTY = Array.from({ length: 60 }, (_, index) => ({
	email: `limited${index}@example.com`,
	password: `pw-${index}`,
}));

beforeAll(async () => {
	limited = await startSandbox({ rateLimit: { limit: 20, windowMs: 1000, burst: 5 } });
	instance = await createInstance({
		credentials: [sandboxCredential(limited.url, limited.keys.dev, 'limitedSandbox01')],
	});
	await instance.importWorkflows([
		bizKitHubWorkflow({
			id: 'e2eRateLimited01',
			credentialId: 'limitedSandbox01',
			parameters: autoMapParameters(),
			inputCode: literalItems(SIXTY),
		}),
		bizKitHubWorkflow({
			id: 'e2eRetries000001',
			credentialId: 'limitedSandbox01',
			parameters: autoMapParameters(),
			inputCode: literalItems([
				{ email: 'cut+hangup2@example.com', password: 'pw-a' },
				{ email: 'busy+busy1@example.com', password: 'pw-b' },
			]),
		}),
	]);
});

afterAll(async () => {
	instance?.cleanup();
	await limited?.close();
});

const outputsOf = async (id: string) =>
	nodeOutputs((await instance.execute(id)).run, BIZKITHUB_NODE) as INodeExecutionData[][];

test('60 items under a limit of 20 a second with a burst of 5: all registered, none lost, default options', async () => {
	const outputs = await outputsOf('e2eRateLimited01');
	expect(outputs[SUCCESS].map((item) => (item.pairedItem as { item: number }).item)).toEqual(
		SIXTY.map((_, index) => index),
	);
	const registered = new Set(limited.registeredAddresses());
	expect(registered.size).toBe(60);
	const attempts = outputs[SUCCESS].reduce((sum, item) => sum + (item.json.attempts as number), 0);
	expect(attempts).toBe(
		limited.registrations().filter((request) => request.body.email.startsWith('limited')).length,
	);
});

test('failures before an answer are sent again, and the items say how many attempts they took', async () => {
	const outputs = await outputsOf('e2eRetries000001');
	expect(outputs[SUCCESS].map((item) => [item.json.email, item.json.attempts])).toEqual([
		['cut+hangup2@example.com', 3],
		['busy+busy1@example.com', 2],
	]);
});
