import { redactSecrets } from '../../../../../nodes/BizKitHub/transport/redact';
import { displayUrl } from '../../../../../nodes/BizKitHub/transport/apiRequest';

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

describe('text a server sent', () => {
	test('a secret echoed JSON-escaped, slash-escaped, URL-encoded or collapsed is removed', () => {
		const password = 'my "pass"/word  é';
		for (const echoed of [
			JSON.stringify(password).slice(1, -1),
			JSON.stringify(password).slice(1, -1).replace(/\//g, '\\/'),
			'my \\"pass\\"\\/word  \\u00e9',
			encodeURIComponent(password),
			encodeURIComponent(password).replace(/%20/g, '+'),
			'my "pass"/word é',
		]) {
			expect(redactSecrets(`before ${echoed} after`, [password])).toBe('before [redacted] after');
		}
	});

	test('a secret cut at the excerpt limit shows none of its start', () => {
		const key = `PROD${'k'.repeat(28)}`;
		const text = `${'x'.repeat(20)} token=${key.slice(0, 12)}`;
		expect(redactSecrets(text, [key], 40)).toBe(`${'x'.repeat(20)} token=[redacted]`);
		const shown = redactSecrets(`${'y'.repeat(25)}${'secret-password'}`, ['secret-password'], 30);
		expect(shown).toBe(`${'y'.repeat(25)}[reda…`);
	});

	test('a piece of 6 characters of a secret is removed; a shorter piece is not a secret', () => {
		expect(redactSecrets('a pw starting hunter and more', ['hunter2000'])).toBe(
			'a pw starting [redacted] and more',
		);
		expect(redactSecrets('the word hunt', ['hunter2000'])).toBe('the word hunt');
	});

	test('whitespace runs are collapsed, and a long text is cut with an ellipsis', () => {
		expect(redactSecrets('a \n\t b', [])).toBe('a b');
		expect(redactSecrets('x'.repeat(50), [], 10)).toBe(`${'x'.repeat(10)}…`);
	});
});

test('a URL is shown without user info, query string or fragment', () => {
	expect(displayUrl('https://user:pass@api.example.com:8443/api/v1/x?apiKey=k&t=1#frag')).toBe(
		'https://api.example.com:8443/api/v1/x',
	);
	expect(displayUrl('not a url with secret')).toBe(
		'the Base URL of the credential (it is not a valid URL)',
	);
});

describe('the cost of redaction', () => {
	/** How many times redaction searches a text (indexOf or includes) for this password, echoed. */
	function searchesFor(password: string): number {
		const answer = `${'x'.repeat(50_000)} raw: ${password} json: ${JSON.stringify(password)}`;
		const counted = ['indexOf', 'includes'] as const;
		const originals = counted.map((name) => String.prototype[name]);
		let searches = 0;
		counted.forEach((name, index) => {
			String.prototype[name] = function (this: string, ...args: [string, number?]) {
				searches++;
				return (originals[index] as (...a: [string, number?]) => never).apply(this, args);
			} as never;
		});
		try {
			const shown = redactSecrets(answer, [password, KEY], 1_000_000);
			expect(shown).not.toContain(password.slice(0, 6));
		} finally {
			counted.forEach((name, index) => (String.prototype[name] = originals[index] as never));
		}
		return searches;
	}

	test('does not search the answer once per piece of a secret: a long password costs no more searches than a short one', () => {
		const short = searchesFor('Short-pass-1234');
		const long = searchesFor(`Long-${'pass/word "é" '.repeat(70)}`.slice(0, 1000));
		expect(long).toBe(short);
	});
});
