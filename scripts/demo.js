// @ts-check
'use strict';

// `npm run demo`: builds the package, starts the sandbox, installs the package into a fresh n8n
// as a community package, imports a sandbox credential and examples/demo-workflow.json, runs the
// workflow headless and prints what came out on each of the node's outputs.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { DEMO_CUSTOMERS } = require('../sandbox/demoCustomers');
const { startSandbox } = require('../sandbox/server');
const { build } = require('./lib/build');
const { requireBuilt } = require('./lib/built');
const { exampleWorkflow } = require('./lib/examples');
const { installInto } = require('./lib/installPackage');
const { failed, onExit } = require('./lib/lifecycle');
const { executeWorkflow, importCredentials, importWorkflows, nodeOutputs } = require('./lib/n8n');
const { ensureN8n, log } = require('./lib/runtime');
const { sandboxCredential } = require('./lib/sandboxCredential');

const NODE_NAME = 'BizKitHub';
const INPUT_NODE = 'Customers';

function table(rows) {
	const widths = rows[0].map((_, column) =>
		Math.max(...rows.map((row) => String(row[column]).length)),
	);
	return rows
		.map((row) =>
			row
				.map((cell, column) =>
					column === 1
						? String(cell).padStart(widths[column])
						: String(cell).padEnd(widths[column]),
				)
				.join('  ')
				.trimEnd(),
		)
		.join('\n');
}

function firstAddresses(items, count = 3) {
	const shown = items.slice(0, count).map((item) => item.json.email ?? item.json.error ?? '?');
	return shown.join(', ') + (items.length > count ? ', …' : '');
}

async function main() {
	build();
	const { OUTPUT_NAMES } = requireBuilt('nodes/BizKitHub/actions/customer/registerAccount/outputs');
	const runtime = await ensureN8n();
	const sandbox = await startSandbox({ customers: DEMO_CUSTOMERS });
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'bizkithub-demo-'));
	// Also on Ctrl-C or SIGTERM: n8n is stopped first, then its folder goes.
	const cleanUp = onExit(async () => {
		await sandbox.close();
		fs.rmSync(userFolder, { recursive: true, force: true });
	});
	try {
		log(`sandbox on ${sandbox.url}; fresh n8n user folder ${userFolder}`);
		installInto(userFolder);
		log('installed n8n-nodes-bizkithub as a community package');
		await importCredentials(runtime, userFolder, [sandboxCredential(sandbox.url)]);
		const workflow = exampleWorkflow('demo-workflow.json', sandbox.url);
		await importWorkflows(runtime, userFolder, [workflow]);
		log(`imported the sandbox credential and "${workflow.name}"; executing it headless`);
		const { run, code, printed } = await executeWorkflow(runtime, userFolder, workflow.id);
		if (code !== 0 || !run || run.data.resultData.error) {
			throw new Error(`the workflow did not run cleanly (exit ${code}):\n${printed.slice(-3000)}`);
		}

		const inputCount = nodeOutputs(run, INPUT_NODE)[0]?.length ?? 0;
		const outputs = nodeOutputs(run, NODE_NAME);
		const outCount = outputs.reduce((sum, items) => sum + items.length, 0);
		const rows = [['output', 'items', 'first addresses']];
		OUTPUT_NAMES.forEach((name, index) =>
			rows.push([name, outputs[index]?.length ?? 0, firstAddresses(outputs[index] ?? [])]),
		);
		console.log('');
		console.log(
			`BizKitHub demo: ${inputCount} customers in, ${outCount} out, ${sandbox.registrations().length} registration requests sent to the sandbox`,
		);
		console.log('');
		console.log(table(rows));
		console.log('');
		if (outCount !== inputCount) throw new Error(`${inputCount - outCount} items were lost`);
		console.log(
			'Every item came out on exactly one output. Open the workflow in the editor with `npm run dev`.',
		);
	} finally {
		await cleanUp();
	}
}

main().catch((error) => failed('demo', error));
