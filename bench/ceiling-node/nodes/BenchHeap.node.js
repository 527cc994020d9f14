// @ts-check
'use strict';

// The benchmark's heap reading: run after the node under test (a later branch of the same
// workflow), in the same n8n process, while n8n still holds the run (the input items, the node's
// outputs, n8n's record of the run). It collects garbage fully (n8n started with --expose-gc) and
// says how much heap is still in use: what the run holds, as opposed to garbage not yet collected.
// With a snapshot folder it also writes a V8 heap snapshot there, for comparing what is held.
// Test-only, never published.

const path = require('node:path');
const v8 = require('node:v8');

/** A full collection, twice a moment apart: what the first frees may hold more that only the second can. */
async function collectFully() {
	const collect = /** @type {(() => void) | undefined} */ (/** @type {any} */ (global).gc);
	if (!collect) return false;
	collect();
	await new Promise((resolve) => setImmediate(resolve));
	collect();
	return true;
}

class BenchHeap {
	constructor() {
		this.description = {
			displayName: 'Bench Heap',
			name: 'benchHeap',
			group: ['output'],
			version: 1,
			description: 'Benchmark only: the heap in use after a full garbage collection',
			defaults: { name: 'Bench Heap' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [
				{
					displayName: 'Snapshot Folder',
					name: 'snapshotDir',
					type: 'string',
					default: '',
					description: 'Where to write a heap snapshot; none when empty',
				},
			],
		};
	}

	/** @this {import("n8n-workflow").IExecuteFunctions} */
	async execute() {
		const snapshotDir = String(this.getNodeParameter('snapshotDir', 0) ?? '');
		const collected = await collectFully();
		const memory = process.memoryUsage();
		const heap = v8.getHeapStatistics();
		const snapshot = snapshotDir
			? v8.writeHeapSnapshot(path.join(snapshotDir, `${this.getNode().name}.heapsnapshot`))
			: undefined;
		return [
			[
				{
					json: {
						collected,
						heapUsed: memory.heapUsed,
						usedHeapSize: heap.used_heap_size,
						heapSizeLimit: heap.heap_size_limit,
						external: memory.external,
						arrayBuffers: memory.arrayBuffers,
						rss: memory.rss,
						...(snapshot ? { snapshot } : {}),
					},
				},
			],
		];
	}
}

module.exports = { BenchHeap };
