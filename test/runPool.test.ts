import { sleep } from 'n8n-workflow';

import { runPool } from '../nodes/BizKitHub/runPool';

test('keeps at most `limit` jobs in flight and returns results in job order', async () => {
	let inFlight = 0;
	let maxInFlight = 0;
	const results = await runPool(20, 4, async (job) => {
		inFlight++;
		maxInFlight = Math.max(maxInFlight, inFlight);
		await sleep((job * 7) % 5);
		inFlight--;
		return job * 2;
	});
	expect(maxInFlight).toBe(4);
	expect(results).toEqual(Array.from({ length: 20 }, (_, job) => job * 2));
});

test('is a pipeline: a slow job does not hold back the others', async () => {
	const finished: number[] = [];
	await runPool(6, 2, async (job) => {
		await sleep(job === 0 ? 250 : 5);
		finished.push(job);
	});
	// With batches of two, job 0 would hold jobs 2..5 back until it finished.
	expect(finished.indexOf(0)).toBe(finished.length - 1);
});

test('starts no new job once told to stop', async () => {
	const started: number[] = [];
	let stop = false;
	await runPool(
		10,
		2,
		async (job) => {
			started.push(job);
			if (job === 3) stop = true;
		},
		() => stop,
	);
	expect(started).toEqual([0, 1, 2, 3]);
});

test('a limit above the number of jobs, or below one, still runs every job once', async () => {
	expect(await runPool(3, 50, async (job) => job)).toEqual([0, 1, 2]);
	expect(await runPool(3, 0, async (job) => job)).toEqual([0, 1, 2]);
	expect(await runPool(0, 5, async (job) => job)).toEqual([]);
});
