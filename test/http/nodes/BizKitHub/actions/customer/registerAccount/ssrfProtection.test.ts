/**
 * n8n's SSRF protection switched on (N8N_SSRF_PROTECTION_ENABLED, n8n 2.x) and a Base URL in a
 * range it blocks (the sandbox, on 127.0.0.1), with the node run in n8n-core's WorkflowExecute:
 * nothing is sent, nothing is tried again, and the error says n8n blocked the address and how to
 * allow it, not that BizKitHub could not be reached or that the address may be registered.
 */
import {
	ERROR_OUTPUT,
	SUCCESS,
	expectEveryItemOnce,
	expectNoSecrets,
	pairedIndexes,
} from '../../../../../../helpers/outputs';
import { setN8nEnv } from '../../../../../../helpers/n8nEnv';
import { autoMapParameters } from '../../../../../../helpers/parameters';
import { runWorkflow } from '../../../../../../helpers/runWorkflow';
import { credentialsFor, useSandbox } from '../../../../../../helpers/sandbox';

setN8nEnv({ N8N_SSRF_PROTECTION_ENABLED: 'true' });

const sandbox = useSandbox();

const FIX =
	"Ask your n8n administrator to allow the Base URL's address: add its range to N8N_SSRF_ALLOWED_IP_RANGES (for example 10.1.2.3/32) or its host name to N8N_SSRF_ALLOWED_HOSTNAMES, and restart n8n. Otherwise set the Base URL in the BizKitHub API credential to an address n8n's SSRF protection allows (leave it empty for BizKitHub's own API).";

test('the run stops with an error saying n8n blocked the address, after one attempt, with nothing sent', async () => {
	const { url, keys } = sandbox();
	const result = await runWorkflow({
		items: [{ email: 'a@example.com', password: 'secret-pw-a' }],
		parameters: autoMapParameters({ maxAttempts: 3 }),
		credentials: credentialsFor(sandbox()),
	});
	expect(result.error?.message).toBe(
		`Item 0: n8n's SSRF protection blocked the request to ${url}/api/v1/customer/register-account (the address 127.0.0.1 is in a blocked range), so nothing was sent`,
	);
	expect(result.error?.description).toBe(
		`HTTP status: none (no answer). Network error: SSRF_BLOCKED. Attempts: 1. ${FIX}`,
	);
	expect(sandbox().requests).toHaveLength(0);
	expectNoSecrets(result, [keys.dev, 'secret-pw-a']);
});

test('with the error output, each item is an error of its own; none is said to be maybe registered', async () => {
	const { url } = sandbox();
	const items = [
		{ email: 'a@example.com', password: 'secret-pw-a' },
		{ email: 'broken', password: 'secret-pw-b' },
		{ email: 'c@example.com', password: 'secret-pw-c' },
	];
	const result = await runWorkflow({
		items,
		parameters: autoMapParameters(),
		credentials: credentialsFor(sandbox()),
		onError: 'continueErrorOutput',
	});
	expect(result.error).toBeUndefined();
	expect(result.outputs[SUCCESS]).toEqual([]);
	expect(pairedIndexes(result.outputs[ERROR_OUTPUT])).toEqual([0, 2]);
	expect(result.outputs[ERROR_OUTPUT].map((item) => item.json.error)).toEqual(
		[0, 2].map(
			(index) =>
				`Item ${index}: n8n's SSRF protection blocked the request to ${url}/api/v1/customer/register-account (the address 127.0.0.1 is in a blocked range), so nothing was sent`,
		),
	);
	expect(JSON.stringify(result.outputs)).not.toMatch(
		/may already be registered|could not be reached/,
	);
	expectEveryItemOnce(result, items.length);
	expectNoSecrets(
		result,
		items.map((item) => item.password),
	);
	expect(sandbox().requests).toHaveLength(0);
});
