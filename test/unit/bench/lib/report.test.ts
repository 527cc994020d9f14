import { markdown, verdicts } from '../../../../bench/lib/report';

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
