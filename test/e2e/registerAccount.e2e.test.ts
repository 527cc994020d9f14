/**
 * The package installed into a real n8n 2.41.1 (on Node 24) as a community package, workflows
 * imported and executed headless with `n8n execute`, against the sandbox over real HTTP.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { DEMO_CUSTOMERS } from '../../sandbox/demoCustomers';
import { EXAMPLE_FILES, startSandbox } from '../../sandbox/server';
import { exampleWorkflow } from '../../scripts/lib/examples';
import { sandboxCredential } from '../../scripts/lib/sandboxCredential';
import { E001, E002, E003, E004, ERROR_OUTPUT, INVALID, SUCCESS } from '../helpers/outputs';
import { createInstance, nodeOutputs } from './helpers/n8nInstance';
import {
	BIZKITHUB_NODE as NODE_NAME,
	INPUT_NODE,
	autoMapParameters,
	bizKitHubWorkflow as workflow,
	defineBelowParameters,
	literalItems,
} from '../../scripts/lib/workflows';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
type Instance = Awaited<ReturnType<typeof createInstance>>;

const CREDENTIAL = {
	good: 'sandboxDevKey001',
	unknown: 'unknownKey000001',
	malformed: 'malformedKey0001',
	down: 'closedPort000001',
};

const emails = (items: INodeExecutionData[]) => items.map((item) => item.json.email);
const paired = (items: INodeExecutionData[]) =>
	items.map((item) => (item.pairedItem as { item: number }).item);

const FAILING_ITEMS = [
	{ email: 'ok.one@example.com', password: 'fail-pw-1' },
	{ email: 'boom+fail500@example.com', password: 'fail-pw-2' },
	{ email: 'cut+hangup@example.com', password: 'fail-pw-3' },
	{ email: 'ok.two@example.com', password: 'fail-pw-4' },
];

/** 1,000 items, eight kinds in turn: three valid, E001 to E004, one invalid. */
const THOUSAND_CODE = `
const kinds = ['', '', '', '+e001', '+e002', '+e003', '+e004', 'invalid'];
return Array.from({ length: 1000 }, (_, i) => {
  const kind = kinds[i % kinds.length];
  const email = kind === 'invalid' ? 'bulk' + i + '.example.com' : 'bulk' + i + kind + '@example.com';
  return { json: { email, password: 'bulk-pw-' + i } };
});`;

const WORKFLOWS = [
	workflow({
		id: 'e2eEveryOutput01',
		credentialId: CREDENTIAL.good,
		parameters: autoMapParameters(),
		inputCode: literalItems([
			{
				email: ' First.Customer@Example.COM ',
				password: 'every-pw-0',
				phone: '+420 777 123 456',
				country: 'cz',
				crmId: 17,
			},
			{ email: 'flaky+e001@example.com', password: 'every-pw-1' },
			{ email: 'returning.customer@example.com', password: 'every-pw-2' },
			{ email: 'blocked@example.com', password: 'every-pw-3' },
			{ email: 'pending.signup@example.com', password: 'every-pw-4' },
			{ email: 'broken-address', password: 'every-pw-5' },
			{
				email: 'second.customer@example.com',
				password: 'every-pw-6',
				newsletter: 'no',
				groups: 'a, b',
			},
		]),
	}),
	workflow({
		id: 'e2eDefineBelow01',
		credentialId: CREDENTIAL.good,
		parameters: defineBelowParameters(
			{
				email: '={{ $json.mail }}',
				password: '={{ $json.secret }}',
				phone: '={{ $json.tel }}',
				primaryLocale: '={{ $json.lang }}',
				newsletter: true,
			},
			{ defaultPhoneCountry: 'DE' },
		),
		inputCode: literalItems([
			{ mail: 'Mapped.One@Example.de', secret: 'map-pw-1', tel: '0171 1234567', lang: 'de_DE' },
			{ mail: 'mapped.two@example.de', secret: 'map-pw-2', tel: '', lang: 'EN-gb' },
			{ mail: 'mapped.three@example.de', secret: '', tel: 'call me', lang: 'german' },
		]),
	}),
	workflow({
		id: 'e2eValidateOnly1',
		credentialId: CREDENTIAL.good,
		parameters: autoMapParameters({ validateOnly: true }),
		inputCode: literalItems([
			{ email: 'dry.run@Example.com', password: 'dry-pw-1', country: 'sk' },
			{ email: 'dry run@example.com', password: 'dry-pw-2' },
		]),
	}),
	workflow({
		id: 'e2eDuplicates001',
		credentialId: CREDENTIAL.good,
		parameters: autoMapParameters(),
		inputCode: literalItems([
			{ email: 'twice@example.com', password: 'dup-pw-1' },
			{ email: 'once@example.com', password: 'dup-pw-2' },
			{ email: 'TWICE@EXAMPLE.COM', password: 'dup-pw-3' },
		]),
	}),
	workflow({
		id: 'e2eErrorOutput01',
		credentialId: CREDENTIAL.good,
		parameters: autoMapParameters(),
		onError: 'continueErrorOutput',
		inputCode: literalItems(FAILING_ITEMS),
	}),
	workflow({
		id: 'e2eStopOnError01',
		credentialId: CREDENTIAL.good,
		parameters: autoMapParameters(),
		inputCode: literalItems(FAILING_ITEMS),
	}),
	workflow({
		id: 'e2eUnknownKey001',
		credentialId: CREDENTIAL.unknown,
		parameters: autoMapParameters(),
		inputCode: literalItems([{ email: 'who@example.com', password: 'key-pw-1' }]),
	}),
	workflow({
		id: 'e2eMalformedKey1',
		credentialId: CREDENTIAL.malformed,
		parameters: autoMapParameters(),
		inputCode: literalItems([{ email: 'who@example.com', password: 'key-pw-2' }]),
	}),
	workflow({
		id: 'e2eServerDown001',
		credentialId: CREDENTIAL.down,
		parameters: autoMapParameters(),
		onError: 'continueErrorOutput',
		inputCode: literalItems([{ email: 'nobody@example.com', password: 'down-pw-1' }]),
	}),
	workflow({
		id: 'e2eThousandItems',
		credentialId: CREDENTIAL.good,
		parameters: autoMapParameters({ concurrency: 20 }),
		inputCode: THOUSAND_CODE,
	}),
	workflow({
		// The passwords exist only inside the BizKitHub node (computed by its expression), so any
		// occurrence of one in the printed execution could only have come from the node.
		id: 'e2eNoSecrets0001',
		credentialId: CREDENTIAL.good,
		parameters: defineBelowParameters({
			email: '={{ $json.mail }}',
			password: '={{ "Secret-" + $json.n + "-Zq" }}',
		}),
		onError: 'continueErrorOutput',
		inputCode: literalItems([
			{ mail: 'secret.one@example.com', n: 1 },
			{ mail: 'secret.two+fail500@example.com', n: 2 },
			{ mail: 'secret.three+e002@example.com', n: 3 },
			{ mail: 'not valid', n: 4 },
		]),
	}),
];

let sandbox: Sandbox;
let instance: Instance;
let downUrl: string;

beforeAll(async () => {
	sandbox = await startSandbox({ customers: DEMO_CUSTOMERS, files: EXAMPLE_FILES });
	const closed = await startSandbox();
	downUrl = closed.url;
	await closed.close();
	instance = await createInstance({
		credentials: [
			sandboxCredential(sandbox.url),
			sandboxCredential(sandbox.url, sandbox.keys.dev, CREDENTIAL.good),
			sandboxCredential(sandbox.url, sandbox.keys.unknown, CREDENTIAL.unknown),
			sandboxCredential(sandbox.url, 'PROD-this-is-not-a-key', CREDENTIAL.malformed),
			sandboxCredential(downUrl, sandbox.keys.dev, CREDENTIAL.down),
		],
	});
	await instance.importWorkflows([
		...WORKFLOWS,
		exampleWorkflow('demo-workflow.json', sandbox.url),
		exampleWorkflow('csv-import-workflow.json', sandbox.url),
	]);
});

afterAll(async () => {
	instance?.cleanup();
	await sandbox?.close();
});

async function execute(id: string) {
	const result = await instance.execute(id);
	return {
		...result,
		outputs: nodeOutputs(result.run, NODE_NAME) as INodeExecutionData[][],
		error: result.run?.data?.resultData?.error,
	};
}

test('a mixed batch reaches every output, paired with its input, and only valid items are sent', async () => {
	const before = sandbox.registrations().length;
	const { outputs, error } = await execute('e2eEveryOutput01');
	expect(error).toBeUndefined();
	expect(emails(outputs[SUCCESS])).toEqual([
		'First.Customer@example.com',
		'second.customer@example.com',
	]);
	expect(paired(outputs[SUCCESS])).toEqual([0, 6]);
	expect(outputs[SUCCESS].map((item) => item.json.success)).toEqual([true, true]);
	for (const [output, index, code] of [
		[E001, 1, 'E001'],
		[E002, 2, 'E002'],
		[E003, 3, 'E003'],
		[E004, 4, 'E004'],
	] as const) {
		expect(outputs[output]).toHaveLength(1);
		expect(outputs[output][0].json).toMatchObject({ success: false, errorCode: code });
		expect(paired(outputs[output])).toEqual([index]);
	}
	expect(outputs[INVALID].map((item) => item.json.errorCode)).toEqual(['INVALID_INPUT']);
	expect(paired(outputs[INVALID])).toEqual([5]);

	const sent = sandbox
		.registrations()
		.slice(before)
		.map((request) => request.body);
	expect(sent).toHaveLength(6);
	expect(sent).toContainEqual({
		email: 'First.Customer@example.com',
		password: 'every-pw-0',
		phone: '+420 777123456',
		country: 'CZ',
	});
	expect(sent).toContainEqual({
		email: 'second.customer@example.com',
		password: 'every-pw-6',
		newsletter: false,
		groups: ['a', 'b'],
	});
});

test('Map Each Field Below maps renamed fields and normalizes them', async () => {
	const before = sandbox.registrations().length;
	const { outputs } = await execute('e2eDefineBelow01');
	expect(emails(outputs[SUCCESS])).toEqual(['Mapped.One@example.de', 'mapped.two@example.de']);
	expect(
		sandbox
			.registrations()
			.slice(before)
			.map((request) => request.body),
	).toEqual([
		{
			email: 'Mapped.One@example.de',
			password: 'map-pw-1',
			phone: '+49 1711234567',
			primaryLocale: 'de-DE',
			newsletter: true,
		},
		{
			email: 'mapped.two@example.de',
			password: 'map-pw-2',
			primaryLocale: 'en-GB',
			newsletter: true,
		},
	]);
	expect(outputs[INVALID][0].json.issues).toEqual([
		{ field: 'password', message: 'is required' },
		{ field: 'phone', message: 'may contain only digits, spaces and + - . ( ) /' },
		{ field: 'primaryLocale', message: 'must be a BCP 47 language tag such as cs or cs-CZ' },
	]);
});

test('Validate Only sends nothing', async () => {
	const before = sandbox.requests.length;
	const { outputs } = await execute('e2eValidateOnly1');
	expect(sandbox.requests.length).toBe(before);
	expect(outputs[SUCCESS].map((item) => item.json)).toEqual([
		{
			success: false,
			validateOnly: true,
			email: 'dry.run@example.com',
			attempts: 0,
			customer: { email: 'dry.run@example.com', country: 'SK' },
		},
	]);
	expect(paired(outputs[INVALID])).toEqual([1]);
});

test('a repeated address in one run goes to Invalid, naming the earlier item', async () => {
	const { outputs } = await execute('e2eDuplicates001');
	expect(paired(outputs[SUCCESS])).toEqual([0, 1]);
	expect(outputs[INVALID][0].json.issues).toEqual([
		{ field: 'email', message: 'is the same address as item 0 of this run' },
	]);
});

test('transport failures with the error output: each failed item there, the rest carry on', async () => {
	const { outputs, error } = await execute('e2eErrorOutput01');
	expect(error).toBeUndefined();
	expect(paired(outputs[SUCCESS])).toEqual([0, 3]);
	expect(paired(outputs[ERROR_OUTPUT])).toEqual([1, 2]);
	expect(outputs[ERROR_OUTPUT][0].json.error).toBe(
		'Item 1: BizKitHub answered HTTP 500 with error INTERNAL_SERVER_ERROR: Something went wrong.',
	);
	expect(outputs[ERROR_OUTPUT][1].json.error).toMatch(
		/^Item 2: BizKitHub could not be reached at .*: the connection was reset\. An attempt may have reached BizKitHub, so the address may already be registered\.$/,
	);
});

test('transport failures without the error output stop the run with an error naming the item', async () => {
	const { error, printed } = await execute('e2eStopOnError01');
	expect(error?.message ?? printed).toMatch(
		/Item 1: BizKitHub answered HTTP 500 with error INTERNAL_SERVER_ERROR/,
	);
});

test('a key BizKitHub does not know fails with the platform code, and the key is not printed', async () => {
	const { error, printed } = await execute('e2eUnknownKey001');
	expect(error?.message ?? printed).toMatch(/HTTP 500 with error PUBLIC_API_KEY_DOES_NOT_EXIST/);
	expect(printed).not.toContain(sandbox.keys.unknown);
});

test('a key of the wrong format is refused before any request', async () => {
	const before = sandbox.requests.length;
	const { error, printed } = await execute('e2eMalformedKey1');
	expect(error?.message ?? printed).toMatch(/does not have the documented format/);
	expect(sandbox.requests.length).toBe(before);
	expect(printed).not.toContain('PROD-this-is-not-a-key');
});

test('a server that is down: connection refused, on the error output', async () => {
	const { outputs } = await execute('e2eServerDown001');
	expect(outputs[ERROR_OUTPUT].map((item) => item.json.error)).toEqual([
		`Item 0: BizKitHub could not be reached at ${downUrl}/api/v1/customer/register-account: the connection was refused`,
	]);
});

test('1,000 mixed items: none lost, each on the output of its kind', async () => {
	const { outputs, run } = await execute('e2eThousandItems');
	expect(nodeOutputs(run, INPUT_NODE)[0]).toHaveLength(1000);
	expect(outputs.slice(SUCCESS, ERROR_OUTPUT).map((items) => items.length)).toEqual([
		375, 125, 125, 125, 125, 125,
	]);
	const indexes = outputs.flatMap(paired).sort((a, b) => a - b);
	expect(indexes).toEqual(Array.from({ length: 1000 }, (_, index) => index));
	expect(outputs[E002].every((item) => /\+e002@/.test(String(item.json.email)))).toBe(true);
});

test('the key and the passwords appear nowhere in the printed execution', async () => {
	const { outputs, printed } = await execute('e2eNoSecrets0001');
	expect(paired(outputs[SUCCESS])).toEqual([0]);
	expect(paired(outputs[E002])).toEqual([2]);
	expect(paired(outputs[INVALID])).toEqual([3]);
	expect(paired(outputs[ERROR_OUTPUT])).toEqual([1]);
	expect(printed).toContain('secret.one@example.com');
	for (const secret of [
		sandbox.keys.dev,
		'Secret-1-Zq',
		'Secret-2-Zq',
		'Secret-3-Zq',
		'Secret-4-Zq',
	]) {
		expect(printed).not.toContain(secret);
	}
});

describe('the example workflows', () => {
	test('the demo routes its eleven customers as the README says', async () => {
		const { outputs, error } = await execute('bizkithubDemo01');
		expect(error).toBeUndefined();
		expect(outputs.map((items) => items.length)).toEqual([4, 1, 1, 1, 1, 3]);
	});

	test('the CSV import reads the file, registers its rows and hands back the rows to fix as a CSV', async () => {
		const { outputs, run, error } = await execute('bizkithubCsv0001');
		expect(error).toBeUndefined();
		expect(outputs.map((items) => items.length)).toEqual([3, 0, 1, 1, 1, 2]);
		expect(emails(outputs[SUCCESS])).toEqual([
			'Eva.Dvorakova@example.cz',
			'tomas.marek@example.cz',
			'sarah.jones@example.co.uk',
		]);
		expect(outputs[INVALID][1].json.issues).toEqual([
			{ field: 'email', message: 'is the same address as item 0 of this run' },
		]);
		const csv = nodeOutputs(run, 'Rows to fix as CSV')[0] as INodeExecutionData[];
		expect(csv).toHaveLength(1);
		expect(csv[0].binary?.data?.fileName).toBe('rows-to-fix.csv');
	});
});
