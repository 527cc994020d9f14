/**
 * Stop, as the editor's Stop button does it (the execution's cancel signal), with the node run in
 * n8n-core's WorkflowExecute against the sandbox: every wait ends at once and nothing more is sent.
 */
import { sleep } from 'n8n-workflow';

import { BizKitHub } from '../../../../../../../nodes/BizKitHub/BizKitHub.node';
import { autoMapParameters } from '../../../../../../helpers/parameters';
import { runWorkflow } from '../../../../../../helpers/runWorkflow';
import { credentialsFor, useSandbox } from '../../../../../../helpers/sandbox';

const sandbox = useSandbox({ latencyMs: 20 });

/** Resolves when the node's execute has settled after the run was stopped, or says it has not. */
async function nodeSettledWithin(
	ms: number,
	spy: jest.SpyInstance,
): Promise<'settled' | 'still running'> {
	const running = spy.mock.results[0]?.value as Promise<unknown>;
	const over = new AbortController();
	const outcome = await Promise.race([
		running.then(
			() => 'settled' as const,
			() => 'settled' as const,
		),
		sleep(ms, over.signal).then(
			() => 'still running' as const,
			() => 'still running' as const,
		),
	]);
	over.abort();
	return outcome;
}

let spy: jest.SpyInstance;
beforeEach(() => {
	spy = jest.spyOn(BizKitHub.prototype, 'execute');
});
afterEach(() => spy.mockRestore());

// The bound is far below what the node would otherwise still do (tens of seconds), and far above
// what ending its waits takes; it catches a node that goes on, not a slow machine.
const BOUND_MS = 5000;

test('retries and backoff stop with the run, and no new request starts', async () => {
	const items = Array.from({ length: 40 }, (_, n) => ({
		email: `n${n}+busy@example.com`,
		password: 'pw',
	}));
	await runWorkflow({
		items,
		parameters: autoMapParameters({ maxAttempts: 10, concurrency: 5 }),
		credentials: credentialsFor(sandbox()),
		stopAfterMs: 300,
	});
	expect(await nodeSettledWithin(BOUND_MS, spy)).toBe('settled');
	const sentBeforeStop = sandbox().registrations().length;
	expect(sentBeforeStop).toBeLessThan(40);
	await sleep(500);
	expect(sandbox().registrations()).toHaveLength(sentBeforeStop);
});

test('a long Retry-After is not sat out after Stop', async () => {
	const { startSandbox } = await import('../../../../../../../sandbox/server');
	const limited = await startSandbox({ rateLimit: { limit: 1, windowMs: 20000, burst: 1 } });
	try {
		await runWorkflow({
			items: [
				{ email: 'first@example.com', password: 'pw' },
				{ email: 'second@example.com', password: 'pw' },
			],
			parameters: autoMapParameters(),
			credentials: credentialsFor(limited),
			stopAfterMs: 500,
		});
		expect(await nodeSettledWithin(BOUND_MS, spy)).toBe('settled');
		expect(limited.registrations().filter((request) => !request.rateLimited)).toHaveLength(1);
	} finally {
		await limited.close();
	}
});

test('a request in flight is abandoned at Stop, its answer not awaited', async () => {
	await runWorkflow({
		items: [{ email: 'x+trickle@example.com', password: 'pw' }],
		parameters: autoMapParameters({ timeout: 0 }),
		credentials: credentialsFor(sandbox()),
		stopAfterMs: 300,
	});
	expect(await nodeSettledWithin(BOUND_MS, spy)).toBe('settled');
});

describe('an item whose request was out at Stop may have been registered, and says so', () => {
	// BizKitHub takes 2 s to answer: the execution is stopped while the request is out.
	const slow = useSandbox({ latencyMs: 2000 });

	test('with "Continue (using error output)", its error item says so', async () => {
		await runWorkflow({
			items: [{ email: 'out+atstop@example.com', password: 'pw' }],
			parameters: autoMapParameters(),
			credentials: credentialsFor(slow()),
			onError: 'continueErrorOutput',
			stopAfterMs: 300,
		});
		const outputs = (await spy.mock.results[0].value) as Array<Array<{ json: { error?: string } }>>;
		expect(outputs.flat().map((item) => item.json.error)).toEqual([
			expect.stringMatching(
				/^Item 0: The execution was stopped while the request to .* was out\. An attempt may have reached BizKitHub, so the address may already be registered\.$/,
			),
		]);
	});

	test("without it, the node's error names the items", async () => {
		await runWorkflow({
			items: [{ email: 'out+atstop2@example.com', password: 'pw' }],
			parameters: autoMapParameters(),
			credentials: credentialsFor(slow()),
			stopAfterMs: 300,
		});
		const error = await (spy.mock.results[0].value as Promise<unknown>).then(
			() => undefined,
			(thrown: { message: string; description?: string }) => thrown,
		);
		expect(error).toMatchObject({
			message: 'the execution was stopped',
			description: expect.stringMatching(
				/^The request of item 0 was out when it was stopped: BizKitHub may have received it, so its address may already be registered\.$/,
			),
		});
	});
});
