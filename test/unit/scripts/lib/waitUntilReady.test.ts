/**
 * How the scripts and tests wait for the n8n processes they start: until what they need answers,
 * failing early (with the process's output) when one exits, and late (with what was missing).
 */
import { waitUntilReady } from '../../../../scripts/lib/n8n';

type ChildProcess = Parameters<typeof waitUntilReady>[2][number]['child'];

const running = (name: string, output = `${name} is starting`) => ({
	name,
	child: { exitCode: null } as ChildProcess,
	output: () => output,
});

test('resolves once the check says ready', async () => {
	let checks = 0;
	await waitUntilReady('n8n', async () => ++checks >= 2 || 'not yet', [running('main')]);
	expect(checks).toBe(2);
});

test("fails at once when a process exits, with that process's output only", async () => {
	const dead = { ...running('worker1', 'port in use'), child: { exitCode: 1 } as ChildProcess };
	await expect(
		waitUntilReady('the cluster', async () => 'not yet', [running('main'), dead]),
	).rejects.toThrow(/^the cluster: worker1 exited while starting\n--- worker1\nport in use$/);
});

test('fails after the time allowed, saying what was still missing', async () => {
	await expect(
		waitUntilReady(
			'n8n 1.123.81',
			async () => 'its REST API does not answer yet',
			[running('n8n')],
			600,
		),
	).rejects.toThrow(
		/^n8n 1\.123\.81 was not ready within 1 s \(its REST API does not answer yet\)\n--- n8n\nn8n is starting$/,
	);
});
