import { sleep } from 'n8n-workflow';

import { runPool } from '../../../../../nodes/BizKitHub/sending/runPool';

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
		{ shouldStop: () => stop },
	);
	expect(started).toEqual([0, 1, 2, 3]);
});

test('a limit above the number of jobs, or below one, still runs every job once', async () => {
	expect(await runPool(3, 50, async (job) => job)).toEqual([0, 1, 2]);
	expect(await runPool(3, 0, async (job) => job)).toEqual([0, 1, 2]);
	expect(await runPool(0, 5, async (job) => job)).toEqual([]);
});

test('with a pacer, each job waits for its turn', async () => {
	const events: string[] = [];
	let turns = 0;
	const pacer = {
		async start() {
			const turn = turns++;
			await sleep(1);
			events.push(`turn ${turn}`);
		},
	};
	const results = await runPool(
		5,
		2,
		async (job) => {
			events.push(`job ${job}`);
			await sleep(2);
			return job;
		},
		{ pacer },
	);
	expect(results).toEqual([0, 1, 2, 3, 4]);
	for (let turn = 0; turn < 5; turn++) {
		const started = events.indexOf(`turn ${turn}`);
		expect(started).toBeGreaterThanOrEqual(0);
		// the job that took this turn starts right after it
		expect(events[started + 1]).toMatch(/^job \d$/);
	}
	expect(events.filter((event) => event.startsWith('job '))).toHaveLength(5);
});

test('a job that is told to stop while waiting for its turn does not start', async () => {
	const started: number[] = [];
	let stop = false;
	await runPool(
		6,
		3,
		async (job) => {
			started.push(job);
			stop = true;
		},
		{
			shouldStop: () => stop,
			pacer: {
				async start() {
					await sleep(1);
				},
			},
		},
	);
	expect(started).toEqual([0]);
});

test('a task that throws stops new jobs, lets those in flight finish, then the error comes out', async () => {
	const started: number[] = [];
	const finished: number[] = [];
	const failure = new Error('job 2 broke');
	const run = runPool(10, 3, async (job) => {
		started.push(job);
		if (job === 2) throw failure;
		await sleep(job < 2 ? 30 : 1);
		finished.push(job);
	});
	await expect(run).rejects.toBe(failure);
	expect(started).toEqual([0, 1, 2]);
	// jobs 0 and 1 were still out when job 2 failed: the error waited for them
	expect(finished.sort()).toEqual([0, 1]);
});
