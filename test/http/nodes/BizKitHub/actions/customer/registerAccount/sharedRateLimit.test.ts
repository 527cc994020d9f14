/**
 * Executions of one n8n process that send with the same credential and host share what they know
 * of the API's rate limit: run at once against a rate-limited sandbox, they queue at one gate.
 */
import { autoMapParameters } from '../../../../../../helpers/parameters';
import { runWorkflow } from '../../../../../../helpers/runWorkflow';
import { credentialsFor, useSandbox } from '../../../../../../helpers/sandbox';
import { SUCCESS, allItems } from '../../../../../../helpers/outputs';

const sandbox = useSandbox({ rateLimit: { limit: 20, windowMs: 1000, burst: 5 } });

const customers = (prefix: string) =>
	Array.from({ length: 30 }, (_, index) => ({
		email: `${prefix}${index}@example.com`,
		password: `pw-${prefix}-${index}`,
	}));

test('two executions at once with one credential: every item registered once, none lost, few 429s', async () => {
	const [first, second] = await Promise.all(
		['first', 'second'].map((prefix) =>
			runWorkflow({
				items: customers(prefix),
				parameters: autoMapParameters(),
				credentials: credentialsFor(sandbox()),
			}),
		),
	);
	for (const result of [first, second]) {
		expect(result.error).toBeUndefined();
		expect(allItems(result).every(({ output }) => output === SUCCESS)).toBe(true);
		expect(result.outputs[SUCCESS]).toHaveLength(30);
	}
	const registered = sandbox().registeredAddresses();
	expect(registered).toHaveLength(60);
	expect(new Set(registered).size).toBe(60);
	// No storm: the two learn the limit together. 9 to 12 refusals seen for these 60 items, 5 of
	// them in the first 10 sent at once (14 to 31 while the pace came down a fifth a refusal).
	expect(sandbox().stats.rateLimited).toBeLessThan(20);
});
