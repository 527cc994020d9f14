// @ts-check
'use strict';

// Ways the sandbox fails on demand, the way a real service, a proxy or a hostile server might, so
// that tests and users can watch the node cope. Each is asked for by a sub-address tag
// (`jane+hangup2@example.com`), or for every request by the sandbox's `misbehave` option
// (`npm run sandbox -- --misbehave trickle`). A number after the tag limits the failure to that
// many requests for the address; then it is served normally.
//
// `before` runs instead of the registration; `after` runs once the customer is registered, in
// place of the normal answer. Each gets (res, context) with context { body, rawBody, headers }.

const zlib = require('node:zlib');

const REGISTER_PATH = '/api/v1/customer/register-account';
const STALL_MS = 2000;
const SLOW_MS = 1500;
const TRICKLE_EVERY_MS = 100;
/** What the gzip bomb inflates to: far beyond any answer the node should read. */
const BOMB_INFLATED_BYTES = 64 * 1024 * 1024;

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function sendRaw(res, status, type, text, headers = {}) {
	res.writeHead(status, {
		'Content-Type': type,
		'Content-Length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

function send(res, status, json, headers = {}) {
	sendRaw(res, status, 'application/json', JSON.stringify(json), headers);
}

/** A 429 whose timing says "now" or "in the past": a client must still back off. */
function rateLimitedNow(timing) {
	return (res) =>
		send(
			res,
			429,
			{ error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests', retry_after: 0 } },
			timing(),
		);
}

let bomb;
/** A small gzip answer that inflates to BOMB_INFLATED_BYTES (made once, on first use). */
function gzipBomb() {
	bomb ??= zlib.gzipSync(Buffer.alloc(BOMB_INFLATED_BYTES, ' '), { level: 9 });
	return bomb;
}

/** The request body as a careless server echoes it, in several encodings at once. */
function echoes(rawBody) {
	const parsed = (() => {
		try {
			return JSON.parse(rawBody);
		} catch {
			return {};
		}
	})();
	const password = String(parsed.password ?? '');
	return [
		`raw: ${rawBody}`,
		`php: ${JSON.stringify(parsed).replace(/\//g, '\\/')}`,
		`ascii: ${JSON.stringify(parsed).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}`,
		`form: password=${encodeURIComponent(password).replace(/%20/g, '+')}`,
		`collapsed: ${password.replace(/\s+/g, ' ')}`,
	].join('\n');
}

const MISBEHAVIOURS = {
	fail500: {
		what: 'HTTP 500 with a platform error',
		before: (res) =>
			send(res, 500, {
				error: { code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong.' },
			}),
	},
	garbage: {
		what: 'HTTP 200 with an HTML page',
		before: (res) => sendRaw(res, 200, 'text/html', '<html><body>Bad gateway page</body></html>'),
	},
	hangup: {
		what: 'the connection is cut before the request is processed',
		before: (res) => res.socket.destroy(),
	},
	busy: {
		what: 'HTTP 503 before the request is processed',
		before: (res) =>
			send(res, 503, { error: { code: 'SERVICE_UNAVAILABLE', message: 'Try again shortly.' } }),
	},
	lost: {
		what: 'the customer is registered, then the connection is cut',
		after: (res) => res.socket.destroy(),
	},
	stall: {
		what: `no answer for ${STALL_MS / 1000} s, then the connection is cut, nothing processed`,
		before: (res) => wait(STALL_MS).then(() => res.socket.destroy()),
	},
	slow: {
		what: `the answer comes after ${SLOW_MS / 1000} s (the customer is registered)`,
		after: (res, { answer }) => wait(SLOW_MS).then(() => send(res, 200, answer)),
	},
	moved: {
		what: 'HTTP 307 to the same address, as a misconfigured proxy might answer',
		before: (res) =>
			send(
				res,
				307,
				{ error: { code: 'MOVED', message: 'Moved.' } },
				{ Location: `${REGISTER_PATH}?moved=1` },
			),
	},
	zeroretry: {
		what: 'HTTP 429 with Retry-After: 0',
		before: rateLimitedNow(() => ({ 'Retry-After': '0' })),
	},
	negretry: {
		what: 'HTTP 429 with a negative Retry-After',
		before: rateLimitedNow(() => ({ 'Retry-After': '-5' })),
	},
	pastretry: {
		what: 'HTTP 429 with a Retry-After date in the past',
		before: rateLimitedNow(() => ({ 'Retry-After': new Date(Date.now() - 60000).toUTCString() })),
	},
	pastreset: {
		what: 'HTTP 429 with no Retry-After, only an X-RateLimit-Reset in the past',
		before: rateLimitedNow(() => ({
			'X-RateLimit-Limit': '20',
			'X-RateLimit-Remaining': '0',
			'X-RateLimit-Reset': String(Math.floor(Date.now() / 1000) - 60),
		})),
	},
	trickle: {
		what: `the customer is registered, then the answer's headers, then its body a byte every ${TRICKLE_EVERY_MS} ms, never ending`,
		after: (res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			const timer = setInterval(() => res.write(' '), TRICKLE_EVERY_MS);
			res.on('close', () => clearInterval(timer));
		},
	},
	bomb: {
		what: `the customer is registered, then a gzip answer of a few hundred KiB that inflates to ${BOMB_INFLATED_BYTES / 1024 / 1024} MiB`,
		after: (res) => {
			const body = gzipBomb();
			res.writeHead(200, {
				'Content-Type': 'application/json',
				'Content-Encoding': 'gzip',
				'Content-Length': body.length,
			});
			res.end(body);
		},
	},
	echo: {
		what: 'HTTP 500 whose body echoes the request, password included, in several encodings',
		before: (res, { rawBody }) => sendRaw(res, 500, 'text/plain', echoes(rawBody)),
	},
};

/**
 * The misbehaviour an address asks for (or the sandbox-wide one), and whether its `seen`-th
 * request should get it.
 */
function misbehaviourFor(email, seen, everyRequest) {
	const tag = /\+([a-z0-9]+)@/i.exec(email)?.[1]?.toLowerCase() ?? everyRequest;
	if (!tag) return { failing: false };
	if (MISBEHAVIOURS[tag]) return { failure: MISBEHAVIOURS[tag], failing: true };
	const counted = /^([a-z]+)(\d+)$/.exec(tag);
	const failure = counted && MISBEHAVIOURS[counted[1]];
	return failure ? { failure, failing: seen <= Number(counted[2]) } : { failing: false };
}

/** For `flakyEvery`: the failures that every n-th request gets in turn. */
const FLAKY_CYCLE = ['hangup', 'fail500', 'slow'];

module.exports = {
	MISBEHAVIOURS,
	FLAKY_CYCLE,
	misbehaviourFor,
	send,
	sendRaw,
	wait,
	REGISTER_PATH,
};
