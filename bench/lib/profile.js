// @ts-check
'use strict';

// Where n8n's CPU time goes while a node sends requests: a summary of a V8 CPU profile
// (`node --cpu-prof`) of the n8n process. Each sample is given to the first of these owners found
// anywhere on its stack, so time spent in Node's sockets or in n8n-workflow on behalf of, say, the
// credential step counts for the credential step.

const fs = require('node:fs');

/** Owners, in the order they are looked for on a sample's stack. */
const OWNERS = [
	{
		name: "the credential's authenticate (ours)",
		test: (/** @type {string} */ url) => /n8n-nodes-bizkithub[^/]*\/dist\/credentials\//.test(url),
	},
	{
		name: 'n8n: getting the credential and applying its authentication',
		test: (/** @type {string} */ url) =>
			/credentials-helper|\/n8n-core\/dist\/credentials|credentials\.service|credentials-overwrites/.test(
				url,
			),
	},
	{
		name: "n8n's request helper (n8n-core and axios)",
		test: (/** @type {string} */ url) =>
			/request-helper-functions|\/request-helpers\/|\/backend-network\/|\/axios\/|\/follow-redirects\/|\/form-data\/|\/proxy-from-env\//.test(
				url,
			),
	},
	{
		name: "the node's own code",
		test: (/** @type {string} */ url) =>
			/n8n-nodes-bizkithub\/dist\/nodes\/|n8n-nodes-bizkithub-bench-ceiling\//.test(url),
	},
];
const GC = 'garbage collection';
const NODE_INTERNALS = 'Node.js (sockets, timers, streams) with no caller above';
const ENGINE = "n8n's engine and the rest";

/**
 * @param {string} file a .cpuprofile
 * @param {RegExp} nodeUnderTest a script URL of the node being measured: the summary covers the
 *   samples from the first one with n8n running that node (its script on the stack, under n8n's
 *   workflow execution or with no module being loaded: n8n loading the script at start-up does not
 *   count) to the last one with that script on the stack
 * @param {number} requests requests sent in that time
 * @returns {{ owners: Array<{ name: string, msPerRequest: number, share: number }>, cpuMsPerRequest: number }}
 */
function summarizeProfile(file, nodeUnderTest, requests) {
	/** @type {{ nodes: any[], samples: number[], timeDeltas: number[] }} */
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	/** @type {Map<number, any>} */
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	/** @type {Map<number, number>} */
	const parentOf = new Map();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parentOf.set(child, node.id);

	/** @type {Map<number, { owner: string, underTest: boolean, started: boolean }>} */
	const classified = new Map();
	const classify = (/** @type {number} */ id) => {
		const known = classified.get(id);
		if (known) return known;
		const urls = [];
		let leafName = byId.get(id).callFrame.functionName;
		for (let at = /** @type {number | undefined} */ (id); at !== undefined; at = parentOf.get(at))
			urls.push(byId.get(at).callFrame.url);
		const owner =
			leafName === '(garbage collector)'
				? GC
				: leafName === '(idle)' || leafName === '(program)' || leafName === '(root)'
					? leafName
					: (OWNERS.find((candidate) => urls.some((url) => candidate.test(url)))?.name ??
						(urls.every((url) => url === '' || url.startsWith('node:')) ? NODE_INTERNALS : ENGINE));
		const underTest = urls.some((url) => nodeUnderTest.test(url));
		// Running, not being loaded: under n8n's workflow execution, or with no module loader on the
		// stack (after its first await the node's code runs from the microtask queue, without n8n's
		// frames: when no sample caught it before, the window began at n8n's start-up, whose seconds
		// of CPU were then counted as "n8n's engine", about 1.5 ms a request).
		const started =
			underTest &&
			(urls.some((url) => /workflow-execute\.js$/.test(url)) ||
				!urls.some((url) => url.startsWith('node:internal/modules/')));
		const result = { owner, underTest, started };
		classified.set(id, result);
		return result;
	};

	const kinds = profile.samples.map(classify);
	const first = kinds.findIndex((kind) => kind.started);
	let last = kinds.length - 1;
	while (last > first && !kinds[last].underTest) last--;
	/** @type {Map<string, number>} */
	const microseconds = new Map();
	for (let index = Math.max(first, 0); index <= last; index++) {
		const { owner } = kinds[index];
		if (owner === '(idle)' || owner === '(root)') continue;
		const name = owner === '(program)' ? ENGINE : owner;
		microseconds.set(name, (microseconds.get(name) ?? 0) + (profile.timeDeltas[index + 1] ?? 0));
	}
	const total = [...microseconds.values()].reduce((sum, value) => sum + value, 0);
	const order = [...OWNERS.map((owner) => owner.name), ENGINE, NODE_INTERNALS, GC];
	return {
		owners: order
			.filter((name) => microseconds.has(name))
			.map((name) => ({
				name,
				msPerRequest: /** @type {number} */ (microseconds.get(name)) / 1000 / requests,
				share: /** @type {number} */ (microseconds.get(name)) / total,
			})),
		cpuMsPerRequest: total / 1000 / requests,
	};
}

module.exports = { summarizeProfile };
