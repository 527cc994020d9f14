import { howToFix } from '../../../../../nodes/BizKitHub/transport/howToFix';

test.each([
	[{ cause: 'ECONNREFUSED' }, /Check the Base URL in the BizKitHub API credential/],
	[{ cause: 'ENOTFOUND' }, /Check the Base URL/],
	[{ cause: 'TOO_LARGE' }, /Check the Base URL/],
	[{ cause: 'ECONNRESET' }, /try the item again later, or raise the options Request Timeout/],
	[{ cause: 'TIMED_OUT' }, /raise the options Request Timeout \(Ms\) or Max Attempts/],
	[{ platformCode: 'RATE_LIMIT_EXCEEDED' }, /Raise the option Max Rate-Limit Wait/],
	[{ httpCode: 429 }, /lower the option Concurrency/],
	[{ httpCode: 401 }, /Check the API key/],
	[{ httpCode: 500, platformCode: 'PUBLIC_API_KEY_DOES_NOT_EXIST' }, /Check the API key/],
	[{ httpCode: 503 }, /failed on its side: try the item again later/],
	[{ httpCode: 307 }, /does not follow \(it would send the password on\)/],
	[{ httpCode: 404 }, /refused the request\. Check the Base URL/],
])('%o: %s', (failure, fix) => {
	expect(howToFix({ message: 'x', ...failure })).toMatch(fix);
});

test('nothing to fix when the user stopped the execution', () => {
	expect(howToFix({ message: 'x', cause: 'STOPPED' })).toBeUndefined();
});
