import {
	RATE_LIMIT_BACKOFF_GROWTH,
	backoffMs,
	retryability,
} from '../../../../../nodes/BizKitHub/sending/retryPolicy';
import { SSRF_BLOCKED } from '../../../../../nodes/BizKitHub/transport/apiRequest';

describe('which failures are tried again', () => {
	test.each([
		[
			{ kind: 'failed', message: '', cause: 'ECONNREFUSED' },
			{ retry: true, mayHaveReached: false },
		],
		[
			{ kind: 'failed', message: '', cause: 'ECONNRESET' },
			{ retry: true, mayHaveReached: true },
		],
		[
			{ kind: 'failed', message: '', cause: 'ECONNABORTED' },
			{ retry: true, mayHaveReached: true },
		],
		[
			{ kind: 'failed', message: '', httpCode: 502 },
			{ retry: true, mayHaveReached: true },
		],
		[
			{ kind: 'failed', message: '', httpCode: 503 },
			{ retry: true, mayHaveReached: true },
		],
		[
			{ kind: 'failed', message: '', httpCode: 504 },
			{ retry: true, mayHaveReached: true },
		],
		[
			{ kind: 'failed', message: '', httpCode: 500 },
			{ retry: false, mayHaveReached: true },
		],
		[
			{ kind: 'failed', message: '', httpCode: 500, platformCode: 'PUBLIC_API_KEY_DOES_NOT_EXIST' },
			{ retry: false, mayHaveReached: false },
		],
		[
			{ kind: 'failed', message: '', httpCode: 400 },
			{ retry: false, mayHaveReached: false },
		],
		[
			{ kind: 'failed', message: '', httpCode: 429 },
			{ retry: false, mayHaveReached: false },
		],
		[
			{ kind: 'failed', message: '', httpCode: 302 },
			{ retry: false, mayHaveReached: false },
		],
		[
			{ kind: 'failed', message: '', cause: 'TOO_LARGE' },
			{ retry: false, mayHaveReached: true },
		],
		[
			{ kind: 'failed', message: '', cause: SSRF_BLOCKED },
			{ retry: false, mayHaveReached: false },
		],
		[
			{ kind: 'failed', message: '', httpCode: 200 },
			{ retry: false, mayHaveReached: true },
		],
		[
			{ kind: 'refused', errorCode: 'E001', message: '' },
			{ retry: false, mayHaveReached: false },
		],
		[{ kind: 'registered' }, { retry: false, mayHaveReached: false }],
	])('%j -> %j', (outcome, expected) => {
		expect(retryability(outcome as Parameters<typeof retryability>[0])).toEqual(expected);
	});

	test('backoff doubles per retry, with jitter between half and all of it, up to a cap', () => {
		expect([1, 2, 3, 4].map((retry) => backoffMs(retry, 500, 3000, () => 1))).toEqual([
			500, 1000, 2000, 3000,
		]);
		expect([1, 2, 3, 4].map((retry) => backoffMs(retry, 500, 3000, () => 0))).toEqual([
			250, 500, 1000, 1500,
		]);
	});

	test("a rate limit's backoff grows by half per probe, so a block's end is found sooner after it", () => {
		const growth = RATE_LIMIT_BACKOFF_GROWTH;
		expect([1, 2, 3, 4].map((retry) => backoffMs(retry, 400, 60_000, () => 1, growth))).toEqual([
			400, 600, 900, 1350,
		]);
		expect(backoffMs(30, 400, 60_000, () => 1, growth)).toBe(60_000);
	});
});
