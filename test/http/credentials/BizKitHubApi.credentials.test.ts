import { BizKitHubApi } from '../../../credentials/BizKitHubApi.credentials';
import { withConnectRecorder } from '../../helpers/connectRecorder';
import { testCredential } from '../../helpers/credentialTest';
import { autoMapParameters } from '../../helpers/parameters';
import { runWorkflow } from '../../helpers/runWorkflow';
import { credentialsFor, useSandbox } from '../../helpers/sandbox';

const credential = new BizKitHubApi();
const sandbox = useSandbox();

test('is named as saved workflows expect, with a password-type key and a base URL', () => {
	expect(credential.name).toBe('bizKitHubApi');
	expect(credential.displayName).toBe('BizKitHub API');
	const apiKey = credential.properties.find((property) => property.name === 'apiKey');
	expect(apiKey).toMatchObject({ type: 'string', required: true, typeOptions: { password: true } });
	expect(credential.properties.find((property) => property.name === 'baseUrl')?.default).toBe(
		'https://api.bizkithub.com',
	);
});

test('puts the key in the apiKey query parameter and keeps the others', async () => {
	const key = sandbox().keys.prod;
	const options = await credential.authenticate(
		{ apiKey: key, baseUrl: '' },
		{ url: '/x', qs: { page: 2 } },
	);
	expect(options.qs).toEqual({ page: 2, apiKey: key });
	expect(options.headers?.Authorization).toBeUndefined();
});

test.each([
	'',
	'PROD123',
	`prod${'a'.repeat(28)}`,
	`TEST${'a'.repeat(28)}`,
	`DEV_${'a'.repeat(27)}!`,
	` DEV_${'a'.repeat(28)}`,
])('refuses the key %j before any request, saying what the format is', async (key) => {
	await expect(
		credential.authenticate({ apiKey: key, baseUrl: '' }, { url: '/x' }),
	).rejects.toThrow(
		/32 characters, starting with PROD, DEV_ or ROOT followed by 28 letters or digits/,
	);
});

describe('the credential test, run as n8n runs it', () => {
	test('calls GET {baseUrl}/api/v1/ping/ with the key and succeeds for a known key', async () => {
		expect(await testCredential(credentialsFor(sandbox()))).toEqual({ status: 'OK' });
		expect(sandbox().requests).toEqual([
			expect.objectContaining({ method: 'GET', path: '/api/v1/ping/', apiKey: sandbox().keys.dev }),
		]);
	});

	test('tolerates a trailing slash on the base URL', async () => {
		expect(
			await testCredential({ apiKey: sandbox().keys.root, baseUrl: `${sandbox().url}/` }),
		).toEqual({ status: 'OK' });
		expect(sandbox().requests[0].path).toBe('/api/v1/ping/');
	});

	test('fails with a clear message for a key BizKitHub does not know', async () => {
		const result = await testCredential(credentialsFor(sandbox(), sandbox().keys.unknown));
		expect(result).toMatchObject({ status: 'Error', statusCode: 500 });
		expect((result as { message: string }).message).toMatch(/does not know this API key/);
	});

	test('fails without any request for a key of the wrong format', async () => {
		const result = await testCredential(credentialsFor(sandbox(), 'PROD-not-a-key'));
		expect(result).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/documented format/),
		});
		expect(sandbox().requests).toHaveLength(0);
	});
});

describe('an emptied Base URL means the default host, in the credential test as in the node', () => {
	// HTTPS_PROXY points at a local recorder, so nothing leaves this machine.
	test.each(['', '   '])(
		'the credential test goes to api.bizkithub.com for %j',
		async (baseUrl) => {
			const { targets, result } = await withConnectRecorder(() =>
				testCredential({ apiKey: sandbox().keys.dev, baseUrl }),
			);
			expect(targets).toEqual(['api.bizkithub.com:443']);
			expect((result as { message: string }).message).not.toMatch(/Invalid URL/);
		},
	);

	test('the node goes there too', async () => {
		const { targets } = await withConnectRecorder(() =>
			runWorkflow({
				items: [{ email: 'x@example.com', password: 'pw' }],
				parameters: autoMapParameters({ maxAttempts: 1 }),
				credentials: { apiKey: sandbox().keys.dev, baseUrl: '' },
				onError: 'continueErrorOutput',
			}),
		);
		expect(targets).toEqual(['api.bizkithub.com:443']);
	});
});
