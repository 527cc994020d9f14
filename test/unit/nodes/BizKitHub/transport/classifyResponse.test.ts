import { classifyResponse } from '../../../../../nodes/BizKitHub/transport/classifyResponse';

const answer = (statusCode: number, body: unknown) =>
	classifyResponse({ statusCode, body: typeof body === 'string' ? body : JSON.stringify(body) });

test('success: true with HTTP 200 is a registration', () => {
	expect(answer(200, { success: true })).toEqual({ kind: 'registered' });
	expect(answer(201, { success: true, customerId: 5 })).toEqual({ kind: 'registered' });
});

test.each(['E001', 'E002', 'E003', 'E004'])(
	'%s with HTTP 200 is a refusal carrying the API message',
	(code) => {
		expect(answer(200, { success: false, errorCode: code, message: `message of ${code}` })).toEqual(
			{
				kind: 'refused',
				errorCode: code,
				message: `message of ${code}`,
			},
		);
	},
);

test('an answer that starts with a UTF-8 byte-order mark is read as the JSON after it', () => {
	expect(answer(200, '\uFEFF{"success":true}')).toEqual({ kind: 'registered' });
	expect(answer(200, '\uFEFF{"success":false,"errorCode":"E002","message":"m"}')).toEqual({
		kind: 'refused',
		errorCode: 'E002',
		message: 'm',
	});
});

test('success: false with HTTP 200 is never a registration, even without a code', () => {
	expect(answer(200, { success: false })).toMatchObject({ kind: 'failed', httpCode: 200 });
});

test('an unknown error code is a failure that names it', () => {
	expect(answer(200, { success: false, errorCode: 'E999', message: 'New thing.' })).toEqual({
		kind: 'failed',
		httpCode: 200,
		platformCode: 'E999',
		message: 'BizKitHub answered HTTP 200 with error E999: New thing.',
	});
});

test('a platform error names its code and the HTTP status', () => {
	expect(
		answer(500, {
			error: { code: 'PUBLIC_API_KEY_DOES_NOT_EXIST', message: 'Public API key does not exist.' },
		}),
	).toEqual({
		kind: 'failed',
		httpCode: 500,
		platformCode: 'PUBLIC_API_KEY_DOES_NOT_EXIST',
		message:
			'BizKitHub answered HTTP 500 with error PUBLIC_API_KEY_DOES_NOT_EXIST: Public API key does not exist.',
	});
	expect(answer(403, { code: 'FORBIDDEN' })).toMatchObject({
		platformCode: 'FORBIDDEN',
		httpCode: 403,
	});
	expect(answer(400, { error: 'BAD_REQUEST' })).toMatchObject({ platformCode: 'BAD_REQUEST' });
});

test('a 429 is a failure with the rate-limit code', () => {
	expect(
		answer(429, {
			error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests', retry_after: 3 },
		}),
	).toMatchObject({
		kind: 'failed',
		httpCode: 429,
		platformCode: 'RATE_LIMIT_EXCEEDED',
	});
});

test('an error status with a JSON body of no known shape falls back on the status and an excerpt', () => {
	expect(answer(502, { oops: true })).toEqual({
		kind: 'failed',
		httpCode: 502,
		platformCode: undefined,
		message: 'BizKitHub answered HTTP 502 with an error: {"oops":true}',
	});
});

test('a body that is not JSON is a failure with a short excerpt', () => {
	const html = `<html>${'x'.repeat(500)}</html>`;
	const outcome = answer(200, html);
	expect(outcome.kind).toBe('failed');
	expect(outcome).toMatchObject({
		httpCode: 200,
		message: expect.stringMatching(
			/^BizKitHub answered HTTP 200 with a body that is not JSON: <html>x+…$/,
		),
	});
	expect((outcome as { message: string }).message.length).toBeLessThan(300);
	expect(answer(503, '')).toMatchObject({
		message: 'BizKitHub answered HTTP 503 with an empty body',
	});
	expect(answer(200, '[1,2]')).toMatchObject({ kind: 'failed' });
});
