/**
 * The README's install command, read from the README and run as a user runs it, into a home
 * folder of its own; then n8n 2.41.1 started on that home runs the demo workflow with the node it
 * installed. The README can then never give a command that fails or installs more than n8n would.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { DEMO_CUSTOMERS } from '../../sandbox/demoCustomers';
import { EXAMPLE_FILES, startSandbox } from '../../sandbox/server';
import { exampleWorkflow } from '../../scripts/lib/examples';
import { pack } from '../../scripts/lib/installPackage';
import { builtFiles, unwantedFiles } from '../../scripts/lib/packable';
import { sandboxCredential } from '../../scripts/lib/sandboxCredential';
import { BIZKITHUB_NODE } from '../../scripts/lib/workflows';
import { listFolder, makeTempFolder, readJsonFile, removeFolder } from '../helpers/projectFiles';
import { createInstance, nodeOutputs } from './helpers/n8nInstance';
import { readmeInstallCommand, runAsUser } from './helpers/readmeInstall';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let home: string;
let tarballFolder: string;

beforeAll(async () => {
	sandbox = await startSandbox({ customers: DEMO_CUSTOMERS, files: EXAMPLE_FILES });
	home = makeTempFolder('bizkithub-home-');
});

afterAll(async () => {
	await sandbox?.close();
	if (home) removeFolder(home);
	if (tarballFolder) removeFolder(tarballFolder);
});

test("the README's install command installs the package alone, as n8n would, and n8n runs it", async () => {
	// (The tarball as `npm run pack` makes it.)
	const command = readmeInstallCommand();
	expect(command).toMatch(/^mkdir -p ~\/\.n8n\/nodes && cd ~\/\.n8n\/nodes && npm install /);
	const { tarball, files } = pack();
	// What n8n loads, and nothing users never need (source maps, the README's screenshots).
	expect(files).toEqual(expect.arrayContaining(builtFiles()));
	expect(unwantedFiles(files)).toEqual([]);
	tarballFolder = tarball.slice(0, tarball.lastIndexOf('/'));
	runAsUser(command, home, tarball);

	// Only the package: no copy of n8n-workflow or anything else it would pull in as a peer.
	const modules = `${home}/.n8n/nodes/node_modules`;
	expect(listFolder(modules).filter((name) => !name.startsWith('.'))).toEqual([
		'n8n-nodes-bizkithub',
	]);
	expect(listFolder(`${modules}/n8n-nodes-bizkithub`)).not.toContain('node_modules');
	expect(readJsonFile(`${home}/.n8n/nodes/package.json`).dependencies).toEqual({
		'n8n-nodes-bizkithub': expect.stringMatching(/n8n-nodes-bizkithub-.*\.tgz$/),
	});

	// n8n started on that home folder loads the node and routes the demo's customers.
	const instance = await createInstance({
		credentials: [sandboxCredential(sandbox.url)],
		userFolder: home,
	});
	await instance.importWorkflows([exampleWorkflow('demo-workflow.json', sandbox.url)]);
	const { run, printed } = await instance.execute('bizkithubDemo01');
	expect(run?.data?.resultData?.error).toBeUndefined();
	const outputs = nodeOutputs(run, BIZKITHUB_NODE) as INodeExecutionData[][] | undefined;
	if (!outputs) throw new Error(`n8n did not run the node:\n${printed.slice(-3000)}`);
	expect(outputs.map((items) => items.length)).toEqual([4, 1, 1, 1, 1, 3]);
});
