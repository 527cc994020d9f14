'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const { problemsOf } = require('./bodyRules');
const { SANDBOX_KEYS } = require('./keys');
const { RateLimiter } = require('./rateLimiter');
const { CustomerRegistry } = require('./registry');

const KEY_FORMAT = /^(PROD|DEV_|ROOT)[A-Za-z0-9]{28}$/;
const REGISTER_PATH = '/api/v1/customer/register-account';
const PING_PATHS = new Set(['/api/v1/ping', '/api/v1/ping/']);

/**
 * Sub-address tags that make the sandbox fail the way a real service sometimes does, so tests can
 * reach the node's error and retry paths. A number after the tag limits the failure to that many
 * requests for the address; then it is served normally. `jane+hangup2@example.com`:
 * - fail500: HTTP 500 with a platform error (always)
 * - garbage: HTTP 200 with an HTML page (always)
 * - hangup[N]: the connection is cut before the request is processed
 * - busy[N]: HTTP 503 before the request is processed
 * - lost[N]: the request is processed (the customer registered), then the connection is cut
 * - stall[N]: no answer for two seconds, then the connection is cut, nothing processed
 * - moved: HTTP 307 to the same address (always), as a misconfigured proxy might answer
 */
const FAILURE_TAGS = {
	fail500: {
		before: (res) =>
			send(res, 500, {
				error: { code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong.' },
			}),
	},
	garbage: {
		before: (res) => sendRaw(res, 200, 'text/html', '<html><body>Bad gateway page</body></html>'),
	},
	hangup: { before: (res) => res.socket.destroy() },
	busy: {
		before: (res) =>
			send(res, 503, { error: { code: 'SERVICE_UNAVAILABLE', message: 'Try again shortly.' } }),
	},
	lost: { after: (res) => res.socket.destroy() },
	stall: { before: (res) => wait(STALL_MS).then(() => res.socket.destroy()) },
	moved: {
		before: (res) =>
			send(
				res,
				307,
				{ error: { code: 'MOVED', message: 'Moved.' } },
				{ Location: `${REGISTER_PATH}?moved=1` },
			),
	},
};
const STALL_MS = 2000;

/** The failure an address asks for, and whether its `seen`-th request should fail. */
function failureFor(email, seen) {
	const tag = /\+([a-z0-9]+)@/i.exec(email)?.[1]?.toLowerCase();
	if (!tag) return { failing: false };
	if (FAILURE_TAGS[tag]) return { failure: FAILURE_TAGS[tag], failing: true };
	const counted = /^([a-z]+)(\d+)$/.exec(tag);
	const failure = counted && FAILURE_TAGS[counted[1]];
	return failure ? { failure, failing: seen <= Number(counted[2]) } : { failing: false };
}

function send(res, status, json, headers = {}) {
	sendRaw(res, status, 'application/json', JSON.stringify(json), headers);
}

function sendRaw(res, status, type, text, headers = {}) {
	res.writeHead(status, {
		'Content-Type': type,
		'Content-Length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

function platformError(code, message) {
	return { error: { code, message } };
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a local BizKitHub sandbox that follows shared/bizkithub-api.md.
 * @param {object} [options]
 * @param {number} [options.port] 0 (default) picks a free port
 * @param {string} [options.host] default 127.0.0.1
 * @param {number} [options.latencyMs] delay before each answer, default 0
 * @param {{ limit: number, windowMs: number, burst: number } | null} [options.rateLimit]
 *   per-key limit for PROD and DEV_ keys (ROOT keys are never limited); default none
 * @param {string[]} [options.keys] accepted keys, default the sandbox's own
 * @param {ReadonlyArray<{ email: string, state: 'pending' | 'confirmed' | 'banned' }>} [options.customers]
 *   customers every accepted key's organisation already has
 * @param {Record<string, string>} [options.files] extra files served as-is, URL path to file path
 *   (the examples download their CSV of customers from here)
 */
async function startSandbox(options = {}) {
	const { port = 0, host = '127.0.0.1', latencyMs = 0, rateLimit = null } = options;
	const keys = new Set(options.keys ?? [SANDBOX_KEYS.dev, SANDBOX_KEYS.prod, SANDBOX_KEYS.root]);
	const limiter = rateLimit ? new RateLimiter(rateLimit) : undefined;
	const registry = new CustomerRegistry();
	for (const key of keys) {
		for (const customer of options.customers ?? [])
			registry.set(key, customer.email, customer.state);
	}
	/** Every request that reached the sandbox, in arrival order. */
	const requests = [];
	const stats = { inFlight: 0, maxInFlight: 0, rateLimited: 0, answered: 0, answerMs: 0 };
	/** How many register-account requests each address got, for the tags that fail N times. */
	const requestsByAddress = new Map();

	async function handle(req, res) {
		const url = new URL(req.url, 'http://sandbox');
		const text = await readBody(req);
		const apiKey = url.searchParams.get('apiKey') ?? undefined;
		let body;
		try {
			body = text === '' ? undefined : JSON.parse(text);
		} catch {
			body = undefined;
		}
		const record = {
			method: req.method,
			path: url.pathname,
			apiKey,
			body,
			rawBody: text,
			at: Date.now(),
		};
		requests.push(record);
		if (latencyMs > 0) await wait(latencyMs);

		const file = options.files?.[url.pathname];
		if (file && req.method === 'GET')
			return sendRaw(res, 200, 'text/csv; charset=utf-8', fs.readFileSync(file, 'utf8'));

		const isRegister = url.pathname === REGISTER_PATH;
		const isPing = PING_PATHS.has(url.pathname);
		if (!isRegister && !isPing)
			return send(res, 404, platformError('NOT_FOUND', `No route ${req.method} ${url.pathname}`));
		if (isRegister && req.method !== 'POST')
			return send(res, 405, platformError('METHOD_NOT_ALLOWED', 'Use POST.'));
		if (isPing && req.method !== 'GET')
			return send(res, 405, platformError('METHOD_NOT_ALLOWED', 'Use GET.'));

		if (!apiKey || !KEY_FORMAT.test(apiKey) || !keys.has(apiKey)) {
			return send(
				res,
				500,
				platformError('PUBLIC_API_KEY_DOES_NOT_EXIST', 'Public API key does not exist.'),
			);
		}

		const headers = {};
		if (limiter && !apiKey.startsWith('ROOT')) {
			const verdict = limiter.take(apiKey);
			headers['X-RateLimit-Limit'] = String(verdict.limit);
			headers['X-RateLimit-Remaining'] = String(verdict.remaining);
			headers['X-RateLimit-Reset'] = String(verdict.resetAt);
			if (!verdict.allowed) {
				stats.rateLimited++;
				const retryAfter = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
				record.rateLimited = true;
				return send(
					res,
					429,
					{
						error: {
							code: 'RATE_LIMIT_EXCEEDED',
							message: 'Too many requests',
							retry_after: retryAfter,
						},
					},
					{ ...headers, 'Retry-After': String(retryAfter) },
				);
			}
		}

		if (isPing) return send(res, 200, { success: true, pong: true }, headers);

		if (body === undefined)
			return send(res, 400, platformError('INVALID_JSON', 'The body is not JSON.'), headers);
		const problems = problemsOf(body);
		if (problems.length > 0)
			return send(res, 400, platformError('VALIDATION_ERROR', problems.join('; ')), headers);

		const seen = (requestsByAddress.get(body.email) ?? 0) + 1;
		requestsByAddress.set(body.email, seen);
		const { failure, failing } = failureFor(body.email, seen);
		if (failing && failure.before) {
			record.outcome = 'failed';
			return failure.before(res);
		}

		const outcome = registry.register(apiKey, body.email);
		record.outcome = outcome.success ? 'success' : outcome.errorCode;
		if (failing && failure.after) return failure.after(res);
		return send(res, 200, outcome, headers);
	}

	const server = http.createServer((req, res) => {
		stats.inFlight++;
		stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
		res.on('close', () => stats.inFlight--);
		const arrived = performance.now();
		res.on('finish', () => {
			stats.answered++;
			stats.answerMs += performance.now() - arrived;
		});
		handle(req, res).catch((error) => {
			if (!res.headersSent)
				send(res, 500, platformError('SANDBOX_FAILURE', String(error && error.message)));
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, resolve);
	});
	const address = server.address();
	const url = `http://${host}:${address.port}`;

	return {
		url,
		port: address.port,
		keys: SANDBOX_KEYS,
		requests,
		stats,
		/** Requests to register-account only. */
		registrations: () => requests.filter((request) => request.path === REGISTER_PATH),
		/** Marks an address as registered and confirmed (E002 from then on) or banned (E003). */
		setCustomer: (email, state, apiKey = SANDBOX_KEYS.dev) => registry.set(apiKey, email, state),
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

/** The example files the sandbox serves for the example workflows. */
const EXAMPLE_FILES = Object.freeze({
	'/files/customers.csv': path.join(__dirname, '..', 'examples', 'customers.csv'),
});

module.exports = { startSandbox, SANDBOX_KEYS, REGISTER_PATH, EXAMPLE_FILES };
