import { idealMs } from './ideal';
import { check, type Summary } from './invariants';
import type { Scenario } from './scenario';
import { runWorld, type WorldRecord } from './world';

/** What each item came to: enough to tell two runs apart. */
function outcomes(world: WorldRecord): string[] {
	return world.processes.flatMap((process) =>
		process.executions.flatMap((execution) =>
			execution.items.map((item) => {
				const outcome = item.results[0]?.result.outcome;
				if (!outcome) return 'not sent';
				return outcome.kind === 'refused' ? outcome.errorCode : outcome.kind;
			}),
		),
	);
}

/**
 * Runs one scenario and checks every invariant. A scenario whose wall clock steps is run a second
 * time without the step: the outcomes must be the same.
 */
export async function simulate(
	scenario: Scenario,
	show?: (world: WorldRecord) => void,
): Promise<Summary> {
	const world = await runWorld(scenario);
	show?.(world);
	const summary = check(world, idealMs(scenario));
	const step = scenario.faults?.wallClockStep;
	if (step) {
		const steady = await runWorld({
			...scenario,
			faults: { ...scenario.faults, wallClockStep: undefined },
		});
		const [stepped, unstepped] = [outcomes(world), outcomes(steady)];
		const differ = stepped.filter((outcome, index) => outcome !== unstepped[index]).length;
		if (differ > 0)
			summary.violations.push(
				`a wall clock step of ${step.byMs} ms changed the outcome of ${differ} items`,
			);
	}
	return summary;
}
