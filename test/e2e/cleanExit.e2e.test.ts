/**
 * Stopping the scripts a newcomer runs: whatever they started ends with them, and nothing is left
 * behind, whether they are stopped with Ctrl-C (the whole process group) or with a signal to their
 * npm process alone (SIGINT from an IDE's stop button, SIGTERM from a process manager).
 */
import { exists, gone, makeTempFolder, removeFolder } from '../helpers/projectFiles';
import { freePort } from './helpers/devServer';
import { portsFreed, startNpmScript } from './helpers/npmScript';

type Script = ReturnType<typeof startNpmScript>;

let running: Script | undefined;

afterEach(() => {
	running?.killGroup();
	running = undefined;
});

test('Ctrl-C during `npm run demo` stops n8n and the sandbox and removes the demo n8n folder', async () => {
	running = startNpmScript('demo');
	const [, sandboxUrl, userFolder] = await running.waitFor(
		/sandbox on (http:\/\/127\.0\.0\.1:\d+); fresh n8n user folder (\S+)/,
	);
	// n8n is running (importing or executing) when the key is pressed.
	await running.waitFor(/installed n8n-nodes-bizkithub as a community package/);
	expect(exists(userFolder)).toBe(true);
	running.pressCtrlC();
	await running.exited;
	// npm gives the prompt back at once; the demo finishes stopping n8n a moment later.
	expect(await gone(userFolder)).toBe(true);
	expect(await portsFreed([Number(new URL(sandboxUrl).port)])).toBe(true);
	expect(running.output()).toMatch(/interrupted: stopping what was started/);
	expect(running.output()).not.toMatch(/demo failed/);
});

test.each(['SIGINT', 'SIGTERM'] as const)(
	'%s to the npm process of `npm run sandbox` stops the sandbox',
	async (signal) => {
		const port = await freePort();
		running = startNpmScript('sandbox', ['--port', String(port)]);
		await running.waitFor(/Ctrl-C stops it/);
		running.signalNpm(signal);
		await running.exited;
		expect(await portsFreed([port], 5000)).toBe(true);
	},
);

test.each(['SIGINT', 'SIGTERM'] as const)(
	'%s to the npm process of `npm run dev` stops n8n and the sandbox; its output has no startup noise',
	async (signal) => {
		const [port, sandboxPort] = [await freePort(), await freePort()];
		const userFolder = makeTempFolder('bizkithub-dev-sigterm-');
		try {
			running = startNpmScript('dev', [
				'--port',
				String(port),
				'--sandbox-port',
				String(sandboxPort),
				'--user-folder',
				userFolder,
			]);
			await running.waitFor(/Ctrl-C stops n8n and the sandbox/);
			const output = running.output();
			expect(output).toMatch(/Editor is now accessible via/);
			expect(output).not.toMatch(/Python task runner/);
			expect(output).not.toMatch(/(deprecations|a deprecation) related to your n8n setup/);
			expect(output).not.toMatch(/ENOTFOUND/);

			running.signalNpm(signal);
			await running.exited;
			expect(await portsFreed([port, sandboxPort])).toBe(true);
		} finally {
			removeFolder(userFolder);
		}
	},
);
