// @ts-check
'use strict';

// The bench's soak part: the node as it lives in production, for a long time in one n8n process.
// One n8n 2.41.1 started as a server (`n8n start`), two webhook workflows on one BizKitHub
// credential taking calls at once (a few customers each, some invalid, some already registered),
// the sandbox answering in 20 ms, and the credential's key changed half-way, right after the old
// key's quota ran out for an hour. Every few thousand registrations the n8n process is asked for
// its heap after a full garbage collection and the CPU time it has used (scripts/lib/processProbe.js,
// loaded into n8n with NODE_OPTIONS). A benchmark: it measures and judges, it asserts nothing.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startSandbox } = require('../../sandbox/server');
const { installInto } = require('../../scripts/lib/installPackage');
const n8n = require('../../scripts/lib/n8n');
const { localOwner, request, signIn } = require('../../scripts/lib/owner');
const { ensureN8n, log } = require('../../scripts/lib/runtime');
const { sandboxCredential } = require('../../scripts/lib/sandboxCredential');
const { autoMapParameters } = require('../../scripts/lib/workflows');

const CREDENTIAL_ID = 'soakCredential01';
const PATHS = ['soak-a', 'soak-b'];
/** Webhook calls in flight at once, spread over the two workflows. */
const CALLS_AT_ONCE = 8;
/** The BizKitHub node's six outputs and n8n's Error output, all merged into the webhook's answer. */
const OUTPUTS = 7;
/** Addresses the sandbox holds as registered and confirmed: sending one is answered E002. */
const KNOWN = 500;
const LATENCY_MS = 20;

const SIZES = {
	full: { calls: 20000, sampleEvery: 5000 },
	quick: { calls: 1000, sampleEvery: 500 },
};

/**
 * A webhook workflow: the posted `customers` split into items, registered, and every item that
 * comes out (on any output, the Error output included) merged into the webhook's answer.
 * @param {number} index
 */
function soakWorkflow(index) {
	const id = `soakFlow${index}`.padEnd(16, 'x');
	const webhook = 'Sign-ups';
	const split = 'One item per customer';
	const node = 'BizKitHub';
	const merge = 'Every outcome';
	return {
		id,
		name: `Soak ${PATHS[index]}`,
		active: false,
		settings: {
			executionOrder: 'v1',
			saveDataSuccessExecution: 'none',
			saveDataErrorExecution: 'none',
			saveManualExecutions: false,
		},
		nodes: [
			{
				id: `${id}-w`,
				name: webhook,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `${id}-hook`,
				parameters: {
					httpMethod: 'POST',
					path: PATHS[index],
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			{
				id: `${id}-s`,
				name: split,
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [200, 0],
				parameters: { fieldToSplitOut: 'body.customers', include: 'noOtherFields' },
			},
			{
				id: `${id}-b`,
				name: node,
				type: 'n8n-nodes-bizkithub.bizKitHub',
				typeVersion: 1,
				position: [400, 0],
				parameters: autoMapParameters(),
				credentials: { bizKitHubApi: { id: CREDENTIAL_ID, name: CREDENTIAL_ID } },
				onError: 'continueErrorOutput',
			},
			{
				id: `${id}-m`,
				name: merge,
				type: 'n8n-nodes-base.merge',
				typeVersion: 3,
				position: [700, 0],
				parameters: { numberInputs: OUTPUTS },
			},
		],
		connections: {
			[webhook]: { main: [[{ node: split, type: 'main', index: 0 }]] },
			[split]: { main: [[{ node, type: 'main', index: 0 }]] },
			[node]: {
				main: Array.from({ length: OUTPUTS }, (_, output) => [
					{ node: merge, type: 'main', index: output },
				]),
			},
		},
	};
}

/**
 * The customers of one call, 3 to 7 of them (5 on average), from item number `first` on: one in
 * twenty has an address that is not valid, one in twenty is already registered, the rest are new.
 * @param {number} call
 * @param {number} first
 * @returns {Array<{ customer: { email: string, password: string }, expected: string }>}
 */
function customersOf(call, first) {
	const count = 3 + (call % 5);
	return Array.from({ length: count }, (_, offset) => {
		const item = first + offset;
		if (item % 20 === 7)
			return { customer: { email: `soak${item}@no-domain`, password: 'x' }, expected: 'invalid' };
		if (item % 20 === 13)
			return {
				customer: { email: `known${item % KNOWN}@example.com`, password: `pw-${item}` },
				expected: 'E002',
			};
		return {
			customer: { email: `soak${item}@example.com`, password: `pw-${item}` },
			expected: 'success',
		};
	});
}

/** What an item that came out of the workflow says of its outcome. @param {any} json */
function outcomeOf(json) {
	if (json?.success === true) return 'success';
	if (json?.errorCode === 'INVALID_INPUT') return 'invalid';
	if (typeof json?.errorCode === 'string') return json.errorCode;
	if (json?.error !== undefined) return 'error';
	return 'unknown';
}

/**
 * Posts one call; what came of it. `mismatched` counts the customers whose outcome was not the
 * expected one, or that did not come back exactly once.
 * @param {string} url
 * @param {Array<{ customer: { email: string }, expected: string }>} batch
 * @param {(expected: string) => string} expect what to expect, given the usual expectation
 */
async function postCall(url, batch, expect) {
	let status = 0;
	/** @type {any[]} */
	let items = [];
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ customers: batch.map((entry) => entry.customer) }),
			signal: AbortSignal.timeout(120000),
		});
		status = response.status;
		const body = await response.json().catch(() => []);
		items = Array.isArray(body) ? body : [body];
	} catch {
		status = 0;
	}
	// Items on the Error output carry no address, only the item's index in their message.
	/** @type {Map<string, string[]>} */
	const byCustomer = new Map();
	for (const json of items) {
		const index = /^Item (\d+):/.exec(String(json?.error ?? ''))?.[1];
		const key = index !== undefined ? `#${index}` : String(json?.email ?? '').toLowerCase();
		byCustomer.set(key, [...(byCustomer.get(key) ?? []), outcomeOf(json)]);
	}
	/** @type {Record<string, number>} */
	const outcomes = {};
	let mismatched = 0;
	for (const [index, { customer, expected }] of batch.entries()) {
		const got = [
			...(byCustomer.get(customer.email.toLowerCase()) ?? []),
			...(byCustomer.get(`#${index}`) ?? []),
		];
		const outcome = got.length === 1 ? got[0] : `came back ${got.length} times`;
		outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
		if (outcome !== expect(expected)) mismatched++;
	}
	return { status, outcomes, mismatched, extra: Math.max(0, items.length - batch.length) };
}

/** Waits until n8n answers its readiness check and both webhooks are registered. @param {string} url */
async function waitUntilReady(url, /** @type {{ output: () => string, child: any }} */ main) {
	const webhooksAnswer = async () => {
		const statuses = await Promise.all(
			PATHS.map((hook) =>
				fetch(`${url}/webhook/${hook}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ customers: [] }),
				})
					.then((response) => response.status)
					.catch(() => 0),
			),
		);
		return statuses.every((status) => status === 200);
	};
	await n8n.waitUntilReady(
		'n8n',
		async () =>
			((await n8n.answersReadiness(url)) && (await webhooksAnswer())) ||
			'its readiness check or the webhooks do not answer yet',
		[{ name: 'n8n', ...main }],
	);
}

/**
 * Changes the credential's key through n8n's REST API, as a user editing it in the editor does.
 * @param {string} url
 * @param {string} userFolder
 * @param {string} baseUrl the sandbox
 * @param {string} apiKey
 */
async function changeKey(url, userFolder, baseUrl, apiKey) {
	const cookie = await signIn(url, localOwner(userFolder));
	const answer = await request(url, 'PATCH', `/rest/credentials/${CREDENTIAL_ID}`, {
		cookie,
		body: { name: CREDENTIAL_ID, type: 'bizKitHubApi', data: { apiKey, baseUrl } },
	});
	if (answer.status !== 200)
		throw new Error(`changing the credential's key failed: HTTP ${answer.status}`);
}

/**
 * @typedef {{ registrations: number, heapMB: number, rssMB: number, cpuMsPerRegistration?: number }} SoakSample
 * @typedef {{ calls: number, registrations: number, seconds: number, samples: SoakSample[],
 *   outcomes: Record<string, number>, notAnswered200: number, mismatched: number, extra: number,
 *   sentTwice: number, registeredAtSandbox: number, expectedRegistered: number,
 *   keyChange: { atRegistrations: number, oldKeyRefused: number, failedAfter: number, newKeyRequests: number, oldKeyRequestsAfter: number },
 *   collected: boolean }} SoakResult
 */

/**
 * Runs the soak. `quick`: 1,000 calls instead of 20,000.
 * @param {{ quick?: boolean }} [options]
 * @returns {Promise<SoakResult>}
 */
async function runSoak({ quick = false } = {}) {
	const { calls, sampleEvery } = quick ? SIZES.quick : SIZES.full;
	const runtime = await ensureN8n();
	const known = Array.from({ length: KNOWN }, (_, index) => ({
		email: `known${index}@example.com`,
		state: /** @type {const} */ ('confirmed'),
	}));
	const sandbox = await startSandbox({ latencyMs: LATENCY_MS, customers: known });
	const oldKey = sandbox.keys.dev;
	const newKey = sandbox.keys.prod;
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'bizkithub-soak-'));
	/** @type {Awaited<ReturnType<typeof n8n.startProbedServer>> | undefined} */
	let main;
	try {
		installInto(userFolder);
		await n8n.importCredentials(runtime, userFolder, [
			sandboxCredential(sandbox.url, oldKey, CREDENTIAL_ID),
		]);
		const workflows = PATHS.map((_, index) => soakWorkflow(index));
		await n8n.importWorkflows(runtime, userFolder, workflows);
		for (const workflow of workflows) await n8n.publishWorkflow(runtime, userFolder, workflow.id);

		main = await n8n.startProbedServer(runtime, userFolder, { N8N_LOG_LEVEL: 'warn' });
		const { url, probe } = main;
		await waitUntilReady(url, main);
		log(`soak: n8n is up; ${calls} webhook calls, ${CALLS_AT_ONCE} at a time, on two workflows`);

		/** @type {SoakSample[]} */
		const samples = [];
		let lastCpu = 0;
		let lastRegistrations = 0;
		const takeSample = async (/** @type {number} */ registrations) => {
			const before = await probe();
			const cpuMs = (before.cpuMicros - lastCpu) / 1000;
			samples.push({
				registrations,
				heapMB: before.heapUsed / 1e6,
				rssMB: before.rss / 1e6,
				cpuMsPerRegistration:
					registrations > lastRegistrations
						? cpuMs / (registrations - lastRegistrations)
						: undefined,
			});
			// The collection itself is not the registrations' cost: the next segment starts after it.
			lastCpu = (await probe()).cpuMicros;
			lastRegistrations = registrations;
			return before.collected;
		};
		const collected = await takeSample(0);

		/** @type {Record<string, number>} */
		const outcomes = {};
		let notAnswered200 = 0;
		let mismatched = 0;
		let extra = 0;
		let nextCall = 0;
		let nextItem = 0;
		let registrations = 0;
		let nextSampleAt = sampleEvery;
		const half = Math.floor(calls / 2);
		/** @type {SoakResult['keyChange']} */
		const keyChange = {
			atRegistrations: 0,
			oldKeyRefused: 0,
			failedAfter: 0,
			newKeyRequests: 0,
			oldKeyRequestsAfter: 0,
		};
		let changedAtRequest = 0;
		const tally = (/** @type {Awaited<ReturnType<typeof postCall>>} */ result) => {
			if (result.status !== 200) notAnswered200++;
			mismatched += result.mismatched;
			extra += result.extra;
			for (const [outcome, count] of Object.entries(result.outcomes))
				outcomes[outcome] = (outcomes[outcome] ?? 0) + count;
		};
		const started = Date.now();

		/** Posts calls from `nextCall` up to `until`, CALLS_AT_ONCE at a time. */
		const load = async (/** @type {number} */ until, /** @type {boolean} */ afterChange) => {
			const worker = async () => {
				while (nextCall < until) {
					const call = nextCall++;
					const batch = customersOf(call, nextItem);
					nextItem += batch.length;
					const result = await postCall(
						`${url}/webhook/${PATHS[call % 2]}`,
						batch,
						(expected) => expected,
					);
					tally(result);
					if (afterChange) keyChange.failedAfter += result.outcomes.error ?? 0;
					registrations += batch.length;
					while (registrations >= nextSampleAt) {
						nextSampleAt += sampleEvery;
						await takeSample(registrations);
					}
				}
			};
			await Promise.all(Array.from({ length: CALLS_AT_ONCE }, worker));
		};

		await load(half, false);
		// Half-way: another client spends the old key's quota for an hour; one more call meets that
		// (its sendable customers fail: the wait is longer than Max Rate-Limit Wait), then the key is
		// changed in the credential, and the calls go on with the new key.
		sandbox.exhaust(oldKey, 3600);
		const refusedBatch = customersOf(nextCall++, nextItem);
		nextItem += refusedBatch.length;
		const refused = await postCall(`${url}/webhook/${PATHS[0]}`, refusedBatch, (expected) =>
			expected === 'invalid' ? 'invalid' : 'error',
		);
		tally(refused);
		keyChange.oldKeyRefused = refused.outcomes.error ?? 0;
		registrations += refusedBatch.length;
		keyChange.atRegistrations = registrations;
		await changeKey(url, userFolder, sandbox.url, newKey);
		changedAtRequest = sandbox.requests.length;
		log(`soak: key changed after ${registrations} registrations`);
		await load(calls, true);
		if (registrations > lastRegistrations) await takeSample(registrations);

		const after = sandbox.requests.slice(changedAtRequest);
		keyChange.newKeyRequests = after.filter((each) => each.apiKey === newKey).length;
		keyChange.oldKeyRequestsAfter = after.filter((each) => each.apiKey === oldKey).length;
		const registered = sandbox.registeredAddresses();
		return {
			calls,
			registrations,
			seconds: (Date.now() - started) / 1000,
			samples,
			outcomes,
			notAnswered200,
			mismatched,
			extra,
			sentTwice: registered.length - new Set(registered).size,
			registeredAtSandbox: registered.length,
			expectedRegistered: outcomes.success ?? 0,
			keyChange,
			collected,
		};
	} finally {
		if (main) await n8n.stopProcess(main.child);
		await sandbox.close();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

module.exports = { runSoak, customersOf, soakWorkflow };
