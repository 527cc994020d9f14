import { startSandbox } from '../../sandbox/server';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** Starts a fresh sandbox on 127.0.0.1 before each test of the file and stops it after. */
export function useSandbox(options: Parameters<typeof startSandbox>[0] = {}): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeEach(async () => {
		sandbox = await startSandbox(options);
	});
	afterEach(async () => {
		await sandbox?.close();
		sandbox = undefined;
	});
	return () => {
		if (!sandbox) throw new Error('the sandbox runs only inside a test');
		return sandbox;
	};
}

export function credentialsFor(sandbox: Sandbox, apiKey: string = sandbox.keys.dev) {
	return { apiKey, baseUrl: sandbox.url };
}
