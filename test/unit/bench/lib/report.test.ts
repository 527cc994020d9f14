import { growthTable, markdown, verdicts } from '../../../../bench/lib/report';

/** A queue-mode load as bench/lib/queueLoads.js reports it; 200 sign-ups, all registered. */
function load(overrides: Record<string, unknown>) {
	return {
		label: 'a load',
		rateLimit: null,
		items: 200,
		ms: 10_000,
		registered: 200,
		notAnswered201: 0,
		rateLimited: 0,
		byWorker: { worker1: 100, worker2: 100 },
		...overrides,
	};
}

const bucket = (limit: number) => ({ kind: 'bucket', headers: true, limit, burst: 5 });
const queueLines = (queued: object[]) =>
	verdicts([], queued as never).filter((line) => line.includes('queue mode'));

describe('queue-mode verdicts', () => {
	// The cluster alone takes 13 s for the 200 sign-ups.
	const floor = [load({ cold: true, ms: 19_000 }), load({ ms: 13_000 })];

	test('a limit slower than the cluster is judged against its minimum of (200 - 5) / 5 = 39 s', () => {
		const [met, notMet] = queueLines([
			...floor,
			load({ label: 'five', rateLimit: bucket(5), ms: 41_000, rateLimited: 12 }),
			load({ label: 'five again', rateLimit: bucket(5), ms: 49_000 }),
		]);
		expect(met).toMatch(/^MET .*five: 1\.05x the minimum, 0 lost, 12 answers were 429/);
		expect(notMet).toMatch(/^NOT MET .*five again: 1\.26x/);
	});

	test('a sign-up lost or not answered 201 fails the target however fast the load was', () => {
		const [line] = queueLines([
			...floor,
			load({ rateLimit: bucket(5), ms: 40_000, registered: 199, notAnswered201: 1 }),
		]);
		expect(line).toMatch(/^NOT MET .* 2 lost/);
	});

	test('a limit whose minimum is below what the cluster alone needs is said not to be measurable here', () => {
		// 20/s: (200 - 5) / 20 = 9.75 s, less than the cluster's own 13 s.
		const [line] = queueLines([...floor, load({ rateLimit: bucket(20), ms: 14_000 })]);
		expect(line).toMatch(/^NOT MEASURABLE HERE .*1\.44x the minimum/);
		expect(line).toContain(
			"the cluster alone took 13.00 s, more than the limit's minimum of 9.75 s",
		);
	});

	test('no queue loads, no queue verdicts', () => {
		expect(queueLines([])).toEqual([]);
	});
});

test('the results say how long the run took, measured, and on what', () => {
	const text = markdown({
		measured: [],
		profiled: [],
		simulated: [],
		queued: [],
		throughput: {},
		quick: false,
		machine: { n8n: '2.41.1', node: '24.21.0', version: '0.1.0', minutes: 17 },
	});
	expect(text).toMatch(
		/^Made by `npm run bench` on \d{4}-\d\d-\d\d: n8n 2\.41\.1 on Node 24\.21\.0, .* \d+ cores .*; the run took 17 minutes \(n8n already installed\)\.$/m,
	);
});

describe('memory per item in the growth part', () => {
	/** A growth run as run.js measures it: `items` sent (all registered), its peak and heap after GC. */
	const run = (
		kind: string,
		items: number,
		peakMb: number,
		heapUsedMb: number,
		more: Record<string, unknown> = {},
	) => ({
		part: 'growth',
		kind,
		label: `${kind} ${items}`,
		job: { items, nodeOptions: '--max-old-space-size=2048' },
		result: {
			ms: items,
			outputs: [new Array(items).fill({})],
			registered: items,
			peakMb,
			heap: { collected: true, heapUsedMb, heapSizeLimitMb: 2100, rssMb: peakMb },
			...more,
		},
	});
	const memoryLines = (measured: object[]) =>
		verdicts(measured as never).filter((line) => / per sent item|sends in an n8n/.test(line));

	test('per item is the growth from 10,000 to 100,000 items, against the HTTP Request node and 1.5x Validate Only', () => {
		// Sends: (400 - 220) MB / 90,000 items = 2.0 KB of heap; (1200 - 480) MB = 8.2 KB of peak.
		const [heap, peak, largest] = memoryLines([
			run('validate', 10_000, 450, 210),
			run('validate', 100_000, 1050, 390),
			run('send', 10_000, 480, 220),
			run('send', 100_000, 1200, 400),
			run('httpGrowth', 10_000, 700, 400),
			run('httpGrowth', 100_000, 3000, 2000),
		]);
		expect(heap).toBe(
			"MET heap after GC per sent item: 2.0 KB; HTTP Request node 18.2 KB, Validate Only 2.0 KB (target <= the HTTP Request node's and <= 1.5x Validate Only's)",
		);
		// 8.2 KB against Validate Only's 6.8 KB: within 1.5x.
		expect(peak).toMatch(/^MET peak memory per sent item: 8\.2 KB; .* Validate Only 6\.8 KB/);
		expect(largest).toBe(
			'MET 100,000 sends in an n8n with --max-old-space-size=2048: finished, peak 1200 MB, 0 lost (target finishes, 0 lost)',
		);
	});

	test('sends and Validate Only again in less old space: a peak verdict of their own, and a table', () => {
		const tight = (kind: string, items: number, peakMb: number) => ({
			...run(kind, items, peakMb, 200),
			job: { items, nodeOptions: '--max-old-space-size=1024' },
		});
		const measured = [
			run('validate', 10_000, 450, 210),
			run('validate', 100_000, 1050, 390),
			run('send', 10_000, 480, 220),
			run('send', 100_000, 1700, 400),
			run('httpGrowth', 10_000, 700, 400),
			run('httpGrowth', 100_000, 3000, 2000),
			tight('validateTight', 10_000, 480),
			tight('validateTight', 100_000, 960),
			tight('sendTight', 10_000, 590),
			tight('sendTight', 100_000, 1120),
		];
		const [, peak, tightPeak, largest] = memoryLines(measured);
		// In 2048 MB: (1700 - 480) MB / 90,000 = 13.9 KB, over 1.5x Validate Only's 6.8 KB.
		expect(peak).toMatch(/^NOT MET peak memory per sent item: 13\.9 KB/);
		// In 1024 MB: (1120 - 590) / 90,000 = 6.0 KB against (960 - 480) / 90,000 = 5.5 KB.
		expect(tightPeak).toBe(
			"MET peak memory per sent item in 1024 MB of old space: 6.0 KB; Validate Only 5.5 KB (target <= 1.5x Validate Only's)",
		);
		expect(largest).toMatch(/^MET 100,000 sends in an n8n with --max-old-space-size=2048/);
		const table = growthTable(measured as never, 2048);
		expect(table).toContain('`--max-old-space-size=1024`');
		expect(table).toContain('| 100,000 | peak 960 MB | peak 1120 MB |');
		expect(table).toContain('| peak per item | 5.5 KB | 6.0 KB |');
		// Without them, neither the verdict nor the table.
		expect(memoryLines(measured.slice(0, 6))).toHaveLength(3);
		expect(growthTable(measured.slice(0, 6) as never, 2048)).not.toContain('1024');
	});

	test('sends that hold more than 1.5x Validate Only per item fail the target', () => {
		const [heap] = memoryLines([
			run('validate', 10_000, 450, 210),
			run('validate', 100_000, 1050, 390),
			run('send', 10_000, 480, 220),
			run('send', 100_000, 1700, 700),
			run('httpGrowth', 10_000, 700, 400),
			run('httpGrowth', 100_000, 3000, 2000),
		]);
		expect(heap).toMatch(/^NOT MET heap after GC per sent item: 5\.5 KB/);
	});

	test('a run n8n did not finish (out of memory) fails the target and is left out of per item', () => {
		const lines = memoryLines([
			run('validate', 10_000, 450, 210),
			run('validate', 100_000, 1050, 390),
			run('send', 1_000, 400, 200),
			run('send', 10_000, 480, 220),
			run('send', 100_000, 2300, 0, {
				crashed:
					'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
			}),
			run('httpGrowth', 10_000, 700, 400),
			run('httpGrowth', 100_000, 3000, 2000),
		]);
		// Per item then comes from 1,000 to 10,000 sends: 20 MB / 9,000 items.
		expect(lines[0]).toMatch(/^MET heap after GC per sent item: 2\.3 KB/);
		expect(lines[2]).toBe(
			'NOT MET 100,000 sends in an n8n with --max-old-space-size=2048: n8n ended without finishing: FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory (target finishes, 0 lost)',
		);
	});

	test('the growth table gives the heap after GC and marks a run that did not finish', () => {
		const table = growthTable(
			[
				run('validate', 10_000, 450, 210),
				run('send', 10_000, 480, 220.4),
				run('httpGrowth', 10_000, 2300, 0, { crashed: 'FATAL ERROR: out of memory' }),
			] as never,
			2048,
		);
		expect(table).toContain('started with `--max-old-space-size=2048`');
		expect(table).toContain(
			'| 10,000 | 10.00 s (1000.0 µs an item), peak 450 MB, heap after GC 210 MB, 0 lost | 10.00 s (1000.0 µs an item), peak 480 MB, heap after GC 220 MB, 0 lost | **n8n ended without finishing** (FATAL ERROR: out of memory), peak 2300 MB |',
		);
	});
});
