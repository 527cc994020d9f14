/** Retries and the rate limit, with the package in a real n8n 2.41.1 against the sandbox. */
import type { INodeExecutionData } from 'n8n-workflow';

import { DEMO_CUSTOMERS } from '../../sandbox/demoCustomers';
import { EXAMPLE_FILES, startSandbox } from '../../sandbox/server';
import { exampleWorkflow } from '../../scripts/lib/examples';
import { sandboxCredential } from '../../scripts/lib/sandboxCredential';
import {
	BIZKITHUB_NODE,
	autoMapParameters,
	bizKitHubWorkflow,
	literalItems,
} from '../../scripts/lib/workflows';
import { E002, E003, E004, ERROR_OUTPUT, INVALID, SUCCESS } from '../helpers/outputs';
import { createInstance, nodeOutputs } from './helpers/n8nInstance';

let limited: Awaited<ReturnType<typeof startSandbox>>;
/** A quota counted per fixed window, smaller than the import: 2 registrations per 3 s. */
let windowed: Awaited<ReturnType<typeof startSandbox>>;
const WINDOW_MS = 3000;
let instance: Awaited<ReturnType<typeof createInstance>>;

const SIXTY = Array.from({ length: 60 }, (_, index) => ({
	email: `limited${index}@example.com`,
	password: `pw-${index}`,
}));

beforeAll(async () => {
	limited = await startSandbox({ rateLimit: { limit: 20, windowMs: 1000, burst: 5 } });
	windowed = await startSandbox({
		customers: DEMO_CUSTOMERS,
		files: EXAMPLE_FILES,
		rateLimit: { kind: 'window', limit: 2, windowMs: WINDOW_MS },
	});
	instance = await createInstance({
		credentials: [
			sandboxCredential(limited.url, limited.keys.dev, 'limitedSandbox01'),
			sandboxCredential(windowed.url),
		],
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
		exampleWorkflow('large-import-workflow.json', windowed.url),
	]);
});

afterAll(async () => {
	instance?.cleanup();
	await limited?.close();
	await windowed?.close();
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

test('the large-import example waits out a quota smaller than the import in one execution', async () => {
	const startedAt = Date.now();
	const outputs = await outputsOf('bizkithubBigImport1');
	// The six valid rows of customers.csv need three windows of two: every one got its answer.
	expect(outputs[SUCCESS].map((item) => item.json.email)).toEqual([
		'Eva.Dvorakova@example.cz',
		'tomas.marek@example.cz',
		'sarah.jones@example.co.uk',
	]);
	expect(outputs[E002]).toHaveLength(1);
	expect(outputs[E003]).toHaveLength(1);
	expect(outputs[E004]).toHaveLength(1);
	expect(outputs[INVALID]).toHaveLength(2);
	expect(outputs[ERROR_OUTPUT] ?? []).toEqual([]);
	expect(Date.now() - startedAt).toBeGreaterThan(WINDOW_MS);
	expect(windowed.registrations().filter((request) => !request.rateLimited)).toHaveLength(6);
});
