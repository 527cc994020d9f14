/**
 * n8n's SSRF protection switched on with the sandbox's address allowed (N8N_SSRF_ALLOWED_IP_RANGES),
 * as the node's error advises: the node reaches the sandbox, and an address still blocked is not.
 */
import { SUCCESS } from '../../../../../../helpers/outputs';
import { setN8nEnv } from '../../../../../../helpers/n8nEnv';
import { autoMapParameters } from '../../../../../../helpers/parameters';
import { runWorkflow } from '../../../../../../helpers/runWorkflow';
import { credentialsFor, useSandbox } from '../../../../../../helpers/sandbox';

setN8nEnv({ N8N_SSRF_PROTECTION_ENABLED: 'true', N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32' });

const sandbox = useSandbox();

test('an allowed address is reached', async () => {
	const result = await runWorkflow({
		items: [{ email: 'a@example.com', password: 'pw-a' }],
		parameters: autoMapParameters(),
		credentials: credentialsFor(sandbox()),
	});
	expect(result.error).toBeUndefined();
	expect(result.outputs[SUCCESS].map((item) => [item.json.email, item.json.success])).toEqual([
		['a@example.com', true],
	]);
	expect(sandbox().registrations()).toHaveLength(1);
});

test('another address of the blocked range still is not (the protection is on)', async () => {
	const port = new URL(sandbox().url).port;
	const result = await runWorkflow({
		items: [{ email: 'a@example.com', password: 'pw-a' }],
		parameters: autoMapParameters(),
		credentials: { ...credentialsFor(sandbox()), baseUrl: `http://127.0.0.2:${port}` },
	});
	expect(result.error?.message).toBe(
		`Item 0: n8n's SSRF protection blocked the request to http://127.0.0.2:${port}/api/v1/customer/register-account (the address 127.0.0.2 is in a blocked range), so nothing was sent`,
	);
	expect(sandbox().requests).toHaveLength(0);
});
