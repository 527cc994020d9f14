// @ts-check
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const { problemsOf } = require('./bodyRules');
const { CrmStandIn } = require('./crm');
const { SANDBOX_KEYS } = require('./keys');
const {
	FLAKY_CYCLE,
	MISBEHAVIOURS,
	REGISTER_PATH,
	misbehaviourFor,
	send,
	sendRaw,
	wait,
} = require('./misbehaviours');
const { RateLimiter } = require('./rateLimiter');
const { CustomerRegistry } = require('./registry');

const KEY_FORMAT = /^(PROD|DEV_|ROOT)[A-Za-z0-9]{28}$/;
const PING_PATHS = new Set(['/api/v1/ping', '/api/v1/ping/']);

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

/**
 * Starts a local BizKitHub sandbox that answers as BizKitHub's API is documented to (see the README's
 * Sandbox section for its keys, tags and misbehaviours).
 * @param {object} [options]
 * @param {number} [options.port] 0 (default) picks a free port
 * @param {string} [options.host] default 127.0.0.1
 * @param {number} [options.latencyMs] delay before each answer, default 0
 * @param {{ limit: number, windowMs: number, burst?: number, kind?: 'bucket' | 'window',
 *   headers?: boolean } | null} [options.rateLimit] per-key limit for PROD and DEV_ keys (ROOT
 *   keys are never limited), see rateLimiter.js; `headers: false` leaves out the X-RateLimit-*
 *   headers (a 429 still says Retry-After); default none
 * @param {string[]} [options.keys] accepted keys, default the sandbox's own
 * @param {ReadonlyArray<{ email: string, state: 'pending' | 'confirmed' | 'banned' }>} [options.customers]
 *   customers every accepted key's organisation already has
 * @param {Record<string, string>} [options.files] extra files served as-is, URL path to file path
 *   (the examples download their CSV of customers from here)
 * @param {string} [options.misbehave] a misbehaviour (see misbehaviours.js) for every registration
 *   whose address asks for none
 * @param {number} [options.flakyEvery] every n-th registration fails in turn: connection cut,
 *   HTTP 500, a slow answer
 * @param {ReadonlyArray<import('./crm').Contact>} [options.crmContacts] serve a CRM stand-in
 *   with these contacts under /crm/ (see crm.js), for the CRM sync example
 */
async function startSandbox(options = {}) {
	const { port = 0, host = '127.0.0.1', latencyMs = 0, rateLimit = null } = options;
	if (options.misbehave && !MISBEHAVIOURS[options.misbehave.replace(/\d+$/, '')])
		throw new Error(
			`Unknown misbehaviour ${options.misbehave}; known: ${Object.keys(MISBEHAVIOURS).join(', ')}`,
		);
	let registrationCount = 0;
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
	/** Keys whose quota was spent by someone else (see `exhaust`), and until when. */
	const exhaustedUntil = new Map();
	/** How many register-account requests each address got, for the tags that fail N times. */
	const requestsByAddress = new Map();
	const crm = options.crmContacts ? new CrmStandIn(options.crmContacts) : undefined;

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

		if (crm?.serves(url.pathname)) {
			const answer = crm.answer(req.method ?? 'GET', url.pathname, body);
			return send(res, answer.status, answer.body);
		}

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
		/** The documented 429: its body, Retry-After and whatever headers the limiter gave. */
		const refuse = (retryAfter, limitHeaders = {}) => {
			stats.rateLimited++;
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
				{ ...limitHeaders, 'Retry-After': String(retryAfter) },
			);
		};
		const exhaustedMs = (exhaustedUntil.get(apiKey) ?? 0) - Date.now();
		if (exhaustedMs > 0) return refuse(Math.ceil(exhaustedMs / 1000));
		if (limiter && !apiKey.startsWith('ROOT')) {
			const verdict = limiter.take(apiKey);
			if (rateLimit?.headers !== false) {
				headers['X-RateLimit-Limit'] = String(verdict.limit);
				headers['X-RateLimit-Remaining'] = String(verdict.remaining);
				headers['X-RateLimit-Reset'] = String(verdict.resetAt);
			}
			if (!verdict.allowed) return refuse(verdict.retryAfter, headers);
		}

		if (isPing) return send(res, 200, { success: true, pong: true }, headers);

		if (body === undefined)
			return send(res, 400, platformError('INVALID_JSON', 'The body is not JSON.'), headers);
		const problems = problemsOf(body);
		if (problems.length > 0)
			return send(res, 400, platformError('VALIDATION_ERROR', problems.join('; ')), headers);

		const seen = (requestsByAddress.get(body.email) ?? 0) + 1;
		requestsByAddress.set(body.email, seen);
		registrationCount++;
		const flaky =
			options.flakyEvery && registrationCount % options.flakyEvery === 0
				? MISBEHAVIOURS[
						FLAKY_CYCLE[(registrationCount / options.flakyEvery - 1) % FLAKY_CYCLE.length]
					]
				: undefined;
		const { failure, failing } = flaky
			? { failure: flaky, failing: true }
			: misbehaviourFor(body.email, seen, options.misbehave);
		const context = { body, rawBody: text };
		if (failing && failure.before) {
			record.outcome = 'failed';
			record.misbehaviour = failure.what;
			return failure.before(res, context);
		}

		const outcome = registry.register(apiKey, body.email);
		record.outcome = outcome.success ? 'success' : outcome.errorCode;
		if (failing && failure.after) {
			record.misbehaviour = failure.what;
			return failure.after(res, { ...context, answer: outcome });
		}
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
		server.listen(port, host, () => resolve(undefined));
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const url = `http://${host}:${address.port}`;

	const registrations = () => requests.filter((request) => request.path === REGISTER_PATH);

	return {
		url,
		port: address.port,
		keys: SANDBOX_KEYS,
		requests,
		stats,
		/** Requests to register-account only. */
		registrations,
		/** The addresses registered (answered success), in order; an address registered twice twice. */
		registeredAddresses: () =>
			registrations()
				.filter((request) => request.outcome === 'success')
				.map((request) => request.body?.email),
		/**
		 * Spends the key's quota for `seconds`, as another client of the same key might: until then
		 * every request with it is answered 429 with the Retry-After that is left.
		 * @param {string} apiKey
		 * @param {number} seconds
		 */
		exhaust: (apiKey, seconds) => exhaustedUntil.set(apiKey, Date.now() + seconds * 1000),
		/** The CRM stand-in, when `crmContacts` asked for one. */
		crm,
		/** Marks an address as registered and confirmed (E002 from then on) or banned (E003). */
		setCustomer: (email, state, apiKey = SANDBOX_KEYS.dev) => registry.set(apiKey, email, state),
		close: () =>
			/** @type {Promise<void>} */ (
				new Promise((resolve) => {
					server.closeAllConnections?.();
					server.close(() => resolve());
				})
			),
	};
}

/** The example files the sandbox serves for the example workflows. */
const EXAMPLE_FILES = Object.freeze({
	'/files/customers.csv': path.join(__dirname, '..', 'examples', 'customers.csv'),
});

module.exports = { startSandbox, SANDBOX_KEYS, REGISTER_PATH, EXAMPLE_FILES, MISBEHAVIOURS };
