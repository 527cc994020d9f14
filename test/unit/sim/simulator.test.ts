/**
 * The simulator (sim/): the node's real sending path against simulated limiters on a virtual
 * clock, every invariant checked on every run. `npm run sim` runs thousands of seeds; here a
 * bounded number, and every scenario kept in sim/regressions/ because it once found a defect.
 */
import { regressions } from '../../../sim/regressions.js';
import { randomScenario } from '../../../sim/scenario';
import { simulate } from '../../../sim/simulate';

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
