import type { IExecuteFunctions } from 'n8n-workflow';

import {
	MAX_MAX_RATE_LIMIT_WAIT_S,
	readRunOptions,
} from '../../../../../../../nodes/BizKitHub/actions/customer/registerAccount/options';

/** Just enough of n8n's execute context to read the node's options. */
function contextWith(options: Record<string, unknown>): IExecuteFunctions {
	return {
		getNode: () => ({ parameters: { options } }),
		getNodeParameter: (name: string, _item: number, fallback: unknown) =>
			options[name.replace(/^options\./, '')] ?? fallback,
	} as unknown as IExecuteFunctions;
}

describe('Max Rate-Limit Wait', () => {
	test('is at most a day: beyond, a timer would overflow and fire at once', () => {
		expect(MAX_MAX_RATE_LIMIT_WAIT_S).toBe(86_400);
		for (const seconds of [86_401, 2_147_484, 1e12, Number.MAX_SAFE_INTEGER])
			expect(readRunOptions(contextWith({ maxRateLimitWait: seconds })).maxRateLimitWaitMs).toBe(
				86_400_000,
			);
	});

	test('is taken as given within a day, and 300 s by default', () => {
		expect(readRunOptions(contextWith({ maxRateLimitWait: 3600 })).maxRateLimitWaitMs).toBe(
			3_600_000,
		);
		expect(readRunOptions(contextWith({})).maxRateLimitWaitMs).toBe(300_000);
	});
});
