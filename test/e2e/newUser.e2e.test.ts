/**
 * Tried as a new user would, in a real n8n 2.41.1 with the package installed: a thousand rows as a
 * CSV import gives them, a tenth of them broken, against a sandbox that fails one request in ten
 * (connection cut, HTTP 500, slow answer). Every row is accounted for, every message says what
 * went wrong, and no secret is stored anywhere in n8n's database.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/server';
import { sandboxCredential } from '../../scripts/lib/sandboxCredential';
import {
	BIZKITHUB_NODE,
	bizKitHubWorkflow,
	defineBelowParameters,
} from '../../scripts/lib/workflows';
import { createInstance, nodeOutputs } from './helpers/n8nInstance';

const ROWS = 1000;
const [SUCCESS, INVALID, ERROR_OUTPUT] = [0, 5, 6];
const BROKEN_FIELDS = ['email', 'password', 'phone', 'country', 'referralId'];

/** Rows as a CSV file gives them: text everywhere, German-style column names, every tenth broken. */
const ROWS_CODE = `
const broken = ${JSON.stringify(BROKEN_FIELDS)};
return Array.from({ length: ${ROWS} }, (_, n) => {
  const fault = n % 10 === 3 ? broken[Math.floor(n / 10) % broken.length] : '';
  return { json: {
    n,
    fault,
    Email: fault === 'email' ? 'row' + n + '.example.com' : ' Row' + n + '@Example.com ',
    Telefon: fault === 'phone' ? 'call me' : '+420 777 ' + String(100000 + n).slice(-6),
    Land: fault === 'country' ? 'Bohemia' : 'cz',
    Newsletter: n % 2 ? 'yes' : 'no',
    Referral: fault === 'referralId' ? 'short' + n : '',
  } };
});`;

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let instance: Awaited<ReturnType<typeof createInstance>>;

beforeAll(async () => {
	sandbox = await startSandbox({ flakyEvery: 10 });
	instance = await createInstance({
		credentials: [sandboxCredential(sandbox.url, sandbox.keys.dev, 'flakySandbox0001')],
	});
	await instance.importWorkflows([
		bizKitHubWorkflow({
			id: 'e2eNewUserRows01',
			credentialId: 'flakySandbox0001',
			onError: 'continueErrorOutput',
			// The passwords exist only inside the BizKitHub node, made by its expression, so any copy
			// of one in n8n's database could only have come from the node.
			parameters: defineBelowParameters({
				email: '={{ $json.Email }}',
				password: '={{ $json.fault === "password" ? "" : "Pw-" + $json.n + "-Zq" }}',
				phone: '={{ $json.Telefon }}',
				country: '={{ $json.Land }}',
				newsletter: '={{ $json.Newsletter }}',
				referralId: '={{ $json.Referral }}',
			}),
			inputCode: ROWS_CODE,
		}),
	]);
});

afterAll(async () => {
	instance?.cleanup();
	await sandbox?.close();
});

const paired = (items: INodeExecutionData[]) =>
	items.map((item) => (item.pairedItem as { item: number }).item);

test('1,000 rows, a tenth broken, one request in ten failing: every row accounted for and explained, no secret stored', async () => {
	const { run, printed } = await instance.execute('e2eNewUserRows01');
	expect(run?.data?.resultData?.error).toBeUndefined();
	const outputs = nodeOutputs(run, BIZKITHUB_NODE) as INodeExecutionData[][];

	// Every row leaves on exactly one output, n8n's Error output included.
	const indexes = outputs.flatMap(paired).sort((a, b) => a - b);
	expect(indexes).toEqual(Array.from({ length: ROWS }, (_, index) => index));

	// The broken rows, and only they, are on Invalid, each message naming its item and field.
	const invalid = outputs[INVALID];
	expect(paired(invalid)).toEqual(Array.from({ length: ROWS / 10 }, (_, tenth) => tenth * 10 + 3));
	for (const item of invalid) {
		const row = (item.pairedItem as { item: number }).item;
		const field = BROKEN_FIELDS[Math.floor(row / 10) % BROKEN_FIELDS.length];
		expect(item.json.message).toMatch(new RegExp(`^Item ${row} is invalid: ${field} `));
		expect(item.json.issues).toEqual([expect.objectContaining({ field })]);
	}

	// The sandbox's failures: a cut connection is tried again; an HTTP 500 is an answer, named
	// on the Error output with its status and code.
	const failed = outputs[ERROR_OUTPUT];
	expect(failed.length).toBeGreaterThan(0);
	for (const item of failed) {
		const row = (item.pairedItem as { item: number }).item;
		expect(item.json.error).toMatch(
			new RegExp(
				`^Item ${row}: BizKitHub (answered HTTP 500 with error INTERNAL_SERVER_ERROR|could not be reached at .*: )`,
			),
		);
	}
	expect(outputs[SUCCESS].length + failed.length).toBe(ROWS - ROWS / 10);
	expect(outputs[SUCCESS].some((item) => item.json.attempts === 2)).toBe(true);

	// No key and no password in what n8n printed or stored.
	const database = instance.storedText();
	// The run is stored (with the rows' addresses as sent), so the search below is not in vain.
	expect(database.includes('Row17@example.com')).toBe(true);
	const secrets = [sandbox.keys.dev, ...Array.from({ length: ROWS }, (_, n) => `Pw-${n}-Zq`)];
	expect(secrets.filter((secret) => database.includes(secret) || printed.includes(secret))).toEqual(
		[],
	);
});
