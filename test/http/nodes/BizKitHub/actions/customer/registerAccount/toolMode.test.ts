/**
 * "BizKitHub Tool", the node's variant for AI agents, run in n8n's engine against the sandbox: an
 * agent reads only a tool's first output, so every item comes out there, saying what happened.
 */
import type { INodeParameters } from 'n8n-workflow';

import { expectNoSecrets } from '../../../../../../helpers/outputs';
import { autoMapParameters } from '../../../../../../helpers/parameters';
import { runWorkflow } from '../../../../../../helpers/runWorkflow';
import { credentialsFor, useSandbox } from '../../../../../../helpers/sandbox';

const sandbox = useSandbox();

const items = [
	{ email: 'new.shopper@example.com', password: 'pw-0', firstName: 'Jana' },
	{ email: 'flaky+e001@example.com', password: 'pw-1' },
	{ email: 'known@example.com', password: 'pw-2' },
	{ email: 'banned@example.com', password: 'pw-3' },
	{ email: 'pending@example.com', password: 'pw-4' },
	{ email: 'not-an-address', password: '' },
];

async function runAsTool(options: INodeParameters = {}) {
	sandbox().setCustomer('known@example.com', 'confirmed');
	sandbox().setCustomer('banned@example.com', 'banned');
	sandbox().setCustomer('pending@example.com', 'pending');
	return await runWorkflow({
		items,
		parameters: autoMapParameters(options),
		credentials: credentialsFor(sandbox()),
		asTool: true,
	});
}

test('every item comes out on output 0, in input order, with its outcome in words', async () => {
	const result = await runAsTool();
	expect(result.error).toBeUndefined();
	expect(result.outputs.slice(1).every((output) => output.length === 0)).toBe(true);
	const [output] = result.outputs;
	expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
	expect(output.map((item) => [item.json.outcome, item.json.success, item.json.errorCode])).toEqual(
		[
			['registered', true, null],
			['register_failed', false, 'E001'],
			['already_registered', false, 'E002'],
			['banned', false, 'E003'],
			['too_many_attempts', false, 'E004'],
			['invalid', false, 'INVALID_INPUT'],
		],
	);
	expect(output[0].json.message).toMatch(/confirmation e-mail/);
	expect(output[2].json.message).toMatch(/sign in or reset the password/);
	expect(output[5].json.message).toMatch(/email/);
	expect(output[5].json.issues).toEqual(
		expect.arrayContaining([expect.objectContaining({ field: 'email' })]),
	);
	expectNoSecrets(result, [credentialsFor(sandbox()).apiKey as string, 'pw-0', 'pw-2']);
});

test('with Validate Only, a valid item says it was not sent', async () => {
	const result = await runAsTool({ validateOnly: true });
	const [output] = result.outputs;
	expect(output[0].json).toMatchObject({ outcome: 'validated', success: false });
	expect(output[0].json.message).toMatch(/not sent/);
	expect(sandbox().registrations()).toHaveLength(0);
});
