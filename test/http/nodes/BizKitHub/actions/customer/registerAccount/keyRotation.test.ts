/**
 * A key changed in its credential (edited by hand, or rotated by an external-secrets vault) under
 * the same credential id and host: the new key starts afresh, whatever the old key's rate limit
 * said. Executions share a gate per key, not per credential.
 */
import { ERROR_OUTPUT, INVALID, SUCCESS, allItems } from '../../../../../../helpers/outputs';
import { autoMapParameters } from '../../../../../../helpers/parameters';
import { runWorkflow } from '../../../../../../helpers/runWorkflow';
import { useSandbox } from '../../../../../../helpers/sandbox';

// One request an hour per key: the second request of a key is told to come back in an hour. A
// token bucket, not a window aligned to the clock: a window would end within the Max Rate-Limit
// Wait whenever the test runs a few seconds before the hour.
const sandbox = useSandbox({
	rateLimit: { limit: 1, burst: 1, windowMs: 3_600_000, kind: 'bucket' },
});

const customers = (prefix: string) =>
	Array.from({ length: 2 }, (_, index) => ({
		email: `${prefix}${index}@example.com`,
		password: `pw-${prefix}-${index}`,
	}));

test("after the old key's quota ran out for an hour, the new key's items are sent at once", async () => {
	const { url, keys } = sandbox();
	const old = await runWorkflow({
		items: customers('old'),
		parameters: autoMapParameters({ concurrency: 1 }),
		credentials: { apiKey: keys.dev, baseUrl: url },
		onError: 'continueErrorOutput',
	});
	expect(old.outputs[SUCCESS].filter((item) => item.json.success === true)).toHaveLength(1);
	// The quota ran out for an hour, longer than the Max Rate-Limit Wait: the second item failed.
	expect(old.outputs[ERROR_OUTPUT]).toHaveLength(1);
	expect(String(old.outputs[ERROR_OUTPUT][0].json.error)).toMatch(/rate limit asks to wait/);

	// The same credential (same id and host), its key changed.
	const started = Date.now();
	const rotated = await runWorkflow({
		items: customers('new').slice(0, 1),
		parameters: autoMapParameters(),
		credentials: { apiKey: keys.prod, baseUrl: url },
	});
	expect(rotated.error).toBeUndefined();
	expect(allItems(rotated).map(({ output }) => output)).toEqual([SUCCESS]);
	expect(rotated.outputs[SUCCESS][0].json.success).toBe(true);
	expect(rotated.outputs[INVALID] ?? []).toHaveLength(0);
	expect(Date.now() - started).toBeLessThan(10_000);
	expect(sandbox().registeredAddresses()).toEqual(['old0@example.com', 'new0@example.com']);
});
