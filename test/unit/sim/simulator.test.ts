/**
 * The simulator (sim/): the node's real sending path against simulated limiters on a virtual
 * clock, every invariant checked on every run. `npm run sim` runs thousands of seeds; here a
 * bounded number, and every scenario kept in sim/regressions/ because it once found a defect.
 */
import { regressions } from '../../../sim/regressions.js';
import { randomScenario, type Scenario } from '../../../sim/scenario';
import { simulate } from '../../../sim/simulate';
import { TARGET_SEEDS, measure, targets } from '../../../sim/targets';

const SEEDS = 300;

test(`${SEEDS} random seeds break no invariant`, async () => {
	const broken: string[] = [];
	for (let seed = 1; seed <= SEEDS; seed++) {
		const summary = await simulate(randomScenario(seed));
		if (summary.violations.length > 0)
			broken.push(`seed ${seed} (npm run sim -- --seed ${seed}): ${summary.violations.join('; ')}`);
	}
	expect(broken).toEqual([]);
}, 120_000);

describe.each(regressions().map((regression) => [regression.file, regression] as const))(
	'regression %s',
	(_file, { why, scenario }) => {
		test(
			why,
			async () => {
				const summary = await simulate(scenario);
				expect(summary.violations).toEqual([]);
			},
			60_000,
		);
	},
);

test("a target's verdict is on the mean of its seeds, not on one run", async () => {
	// A target's scenario, made small: a fixed window without headers, 40 items.
	const target = targets().find((each) =>
		each.name.startsWith('fixed window 20/s: 1200 items, Concurrency 20, headers none'),
	);
	if (!target) throw new Error('no such target');
	const [execution] = target.scenario.processes[0].executions;
	const scenario: Scenario = {
		...target.scenario,
		processes: [{ executions: [{ ...execution, items: 40, concurrency: 5 }] }],
	};
	const first = scenario.seed;
	const runs = [];
	for (let seed = first; seed < first + TARGET_SEEDS; seed++)
		runs.push(await simulate({ ...scenario, seed }));
	const ratios = runs.map((run) => run.ratio ?? Number.NaN);
	const mean = Math.round((ratios.reduce((a, b) => a + b, 0) / ratios.length) * 1000) / 1000;
	// The runs differ (else a mean and one run could not be told apart).
	expect(Math.max(...ratios)).toBeGreaterThan(Math.min(...ratios));

	const result = await measure({ name: 'window', scenario, atMost: mean });
	expect(result).toMatchObject({
		ratio: mean,
		lowest: Math.min(...ratios),
		highest: Math.max(...ratios),
		violations: [],
		met: true,
	});
	// A bound just under the mean is missed, though the best run is within it.
	expect(Math.min(...ratios)).toBeLessThanOrEqual(mean - 0.001);
	expect((await measure({ name: 'window', scenario, atMost: mean - 0.001 })).met).toBe(false);
});
