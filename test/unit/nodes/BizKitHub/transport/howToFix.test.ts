import { SSRF_BLOCKED } from '../../../../../nodes/BizKitHub/transport/apiRequest';
import { howToFix } from '../../../../../nodes/BizKitHub/transport/howToFix';

test.each([
	[{ cause: 'ECONNREFUSED' }, /Check the Base URL in the BizKitHub API credential/],
	[{ cause: 'ENOTFOUND' }, /Check the Base URL/],
	[{ cause: 'TOO_LARGE' }, /Check the Base URL/],
	[{ cause: 'ECONNRESET' }, /try the item again later, or raise the options Request Timeout/],
	[{ cause: 'TIMED_OUT' }, /raise the options Request Timeout \(Ms\) or Max Attempts/],
	[{ platformCode: 'RATE_LIMIT_EXCEEDED' }, /code RATE_LIMITED\), raise the option Max Rate-Limit Wait/],
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

test("a request n8n's SSRF protection blocked: how to allow the address, or else to change the Base URL", () => {
	const fix = howToFix({ message: 'x', cause: SSRF_BLOCKED });
	expect(fix).toBe(
		"Ask your n8n administrator to allow the Base URL's address: add its range to N8N_SSRF_ALLOWED_IP_RANGES (for example 10.1.2.3/32) or its host name to N8N_SSRF_ALLOWED_HOSTNAMES, and restart n8n. Otherwise set the Base URL in the BizKitHub API credential to an address n8n's SSRF protection allows (leave it empty for BizKitHub's own API).",
	);
	expect(fix).not.toMatch(/again later|Request Timeout|Max Attempts/);
});
