import { redactSecrets } from '../nodes/BizKitHub/transport/redact';

const KEY = `DEV_${'Z'.repeat(28)}`;

test('given secret values are removed wherever they stand', () => {
	expect(redactSecrets(`a ${KEY} b hunter2 c`, [KEY, 'hunter2'])).toBe(
		'a [redacted] b [redacted] c',
	);
});

test('an apiKey parameter is removed even when its value is not known', () => {
	expect(redactSecrets('GET /api/v1/ping/?apiKey=abc123&x=1', [])).toBe(
		'GET /api/v1/ping/?apiKey=[redacted]&x=1',
	);
	expect(redactSecrets('{"apiKey":"abc123","a":1}', [])).toBe('{"apiKey":"[redacted]","a":1}');
});

test('anything shaped like a BizKitHub key is removed', () => {
	expect(redactSecrets(`key PROD${'a1'.repeat(14)} here`, [])).toBe('key [redacted] here');
});

test('text without secrets is left alone, and an empty secret removes nothing', () => {
	expect(redactSecrets('BizKitHub answered HTTP 500', ['', undefined])).toBe(
		'BizKitHub answered HTTP 500',
	);
});
