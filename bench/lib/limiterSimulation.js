// @ts-check
'use strict';

// The node's rate-limit gate against the sandbox's limiters on a virtual clock: hours of rate
// limiting in milliseconds, at any latency. The gate is passed in, so the tests can drive the
// TypeScript source and the bench the built package.

const { RateLimiter } = require('../../sandbox/rateLimiter');

/**
 * A virtual clock: sleeps are timers on it, and `run` moves time on to the next timer each time
 * everything else has settled.
 */
class VirtualTime {
	constructor() {
		this.now = 1_800_000_000_000;
		/** @type {Array<{ at: number, seq: number, resolve: () => void }>} */
		this.timers = [];
		this.seq = 0;
		this.clock = () => this.now;
		/** @param {number} ms */
		this.sleep = (ms) =>
			new Promise((resolve) => {
				this.timers.push({
					at: this.now + Math.max(0, ms),
					seq: this.seq++,
					resolve: () => resolve(undefined),
				});
			});
	}

	/**
	 * @template T
	 * @param {Promise<T>} work
	 * @returns {Promise<T>}
	 */
	async run(work) {
		let done = false;
		const result = work.finally(() => (done = true));
		for (;;) {
			// setImmediate comes after every pending promise callback has run.
			await new Promise((resolve) => setImmediate(resolve));
			if (done) return await result;
			if (this.timers.length === 0) throw new Error('nothing left to wait for, and not done');
			this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
			const timer = /** @type {{ at: number, resolve: () => void }} */ (this.timers.shift());
			this.now = Math.max(this.now, timer.at);
			timer.resolve();
		}
	}
}

/**
 * @typedef {{ kind: 'bucket' | 'window', limit: number, burst?: number, headers: boolean }} LimiterVariant
 *   `headers`: whether answers carry X-RateLimit-Limit, -Remaining and -Reset
 * @typedef {object} SimulatedRun
 * @property {number} ms
 * @property {number} minimumMs the least time the items can take: under the limiter, all but the
 *   first burst at its rate; and no faster than `concurrency` round trips at a time
 * @property {number} refusals
 * @property {number} registered
 * @property {number} maxInFlight
 * @property {Array<{ at: number, accepted: boolean, pace?: number, learnt: boolean }>} sends
 *   every send: when (ms from the start), whether it was accepted, the pace then
 */

/**
 * Sends `items` requests through the node's rate-limit gate, `concurrency` at a time, to the
 * sandbox's limiter `latencyMs` away (half each way). Each request does what the node's retry loop
 * does with the gate: acquire, send, record the answer, and after a 429 wait what the gate says
 * and go again.
 * @param {LimiterVariant} variant
 * @param {{ items: number, concurrency: number, latencyMs: number, jitterMs?: number, startOffsetMs?: number, gates?: number }} setup
 *   `jitterMs`: each way takes up to this much longer, at random (the same random for the same
 *   setup); `startOffsetMs`: where in the clock's second the run starts (fixed windows are
 *   aligned to it); `gates`: how many gates share the limiter, each with `concurrency` requests
 *   at a time, as n8n workers in queue mode do (each process has its own gate); 1 if not given
 * @param {{ RateLimitGate: any, readRateLimit: (headers: Record<string, string>, now: number) => any }} node
 * @returns {Promise<SimulatedRun>}
 */
async function simulateRun(variant, setup, { RateLimitGate, readRateLimit }) {
	const { items, concurrency, latencyMs, jitterMs = 0, startOffsetMs = 137, gates = 1 } = setup;
	// A small seeded generator (mulberry32), so that a run is the same each time.
	let seed = 20261128;
	const random = () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let value = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
		return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
	};
	const oneWay = () => latencyMs / 2 + random() * jitterMs;
	const time = new VirtualTime();
	time.now += startOffsetMs;
	const burst = variant.kind === 'window' ? variant.limit : (variant.burst ?? variant.limit);
	const limiter = new RateLimiter({
		kind: variant.kind,
		limit: variant.limit,
		burst,
		windowMs: 1000,
		now: time.clock,
	});
	const eachGate = Array.from(
		{ length: gates },
		() => new RateLimitGate(3_600_000, time.clock, time.sleep),
	);
	const started = time.now;
	let refusals = 0;
	let registered = 0;
	let inFlight = 0;
	let maxInFlight = 0;
	let next = 0;
	/** @type {SimulatedRun['sends']} */
	const sends = [];

	const answer = async () => {
		await time.sleep(oneWay());
		const verdict = limiter.take('key');
		await time.sleep(oneWay());
		/** @type {Record<string, string>} */
		const headers = {};
		if (variant.headers) {
			headers['X-RateLimit-Limit'] = String(verdict.limit);
			headers['X-RateLimit-Remaining'] = String(verdict.remaining);
			headers['X-RateLimit-Reset'] = String(verdict.resetAt);
		}
		if (!verdict.allowed) headers['Retry-After'] = String(verdict.retryAfter);
		return { allowed: verdict.allowed, headers };
	};

	const worker = async (/** @type {number} */ slot) => {
		const gate = eachGate[slot % gates];
		while (next < items) {
			next++;
			for (;;) {
				const ticket = await gate.acquire();
				if (ticket !== 'go') throw new Error(`the gate said ${JSON.stringify(ticket)}`);
				const sentAt = time.now;
				inFlight++;
				maxInFlight = Math.max(maxInFlight, inFlight);
				const { allowed, headers } = await answer();
				inFlight--;
				const { itemWaitMs } = gate.record(readRateLimit(headers, time.now), !allowed, sentAt);
				sends.push({
					at: sentAt - started,
					accepted: allowed,
					pace: gate.pace.paceRps,
					learnt: gate.pace.isLearnt,
				});
				if (allowed) {
					registered++;
					break;
				}
				refusals++;
				if (itemWaitMs !== undefined) await time.sleep(itemWaitMs);
			}
		}
	};
	await time.run(
		Promise.all(Array.from({ length: concurrency * gates }, (_, slot) => worker(slot))),
	);
	return {
		ms: time.now - started,
		minimumMs: Math.max(
			((items - burst) / variant.limit) * 1000,
			(items * latencyMs) / (concurrency * gates),
		),
		refusals,
		registered,
		maxInFlight,
		sends,
	};
}

module.exports = { VirtualTime, simulateRun };
