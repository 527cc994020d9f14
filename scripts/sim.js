// @ts-check
'use strict';

// `npm run sim`: the simulator (sim/; CONTRIBUTING.md says how it works and what a scenario holds).
// sim/ is TypeScript, built with the node's code it drives into .cache/sim, then run from here.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, '.cache', 'sim');

const USAGE = `npm run sim -- [scenario.json ...] [--seed N] [--trace] [--seeds COUNT] [--from N] [--targets [NAME]]
  scenario.json     run that scenario and print its summary
  --seed N          run the random scenario of seed N: print it, then its summary
  --trace           with a scenario or --seed: first print every request of the run
  --seeds COUNT     run COUNT random seeds from --from (default 1); print those that break an invariant
  --targets [NAME]  the scenarios of the targets (docs/performance.md), or those whose name has NAME
With nothing: 1,000 random seeds. Exits 1 when an invariant broke (or a target was missed).`;

/** Compiles sim/ (and the node's code it drives) into .cache/sim. */
function buildSimulator() {
	const tsc = require.resolve('typescript/bin/tsc');
	try {
		execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.sim.json')], {
			cwd: ROOT,
			stdio: 'pipe',
		});
	} catch (error) {
		process.stderr.write(String(error.stdout ?? '') + String(error.stderr ?? ''));
		throw new Error('the simulator did not compile');
	}
}

/** A module of the built simulator, e.g. 'sim/simulate'. */
function requireSimulator(/** @type {string} */ modulePath) {
	return require(path.join(OUT, modulePath));
}

/** Runs the targets, each on several seeds; returns how many were missed. */
async function runTargets(/** @type {string | undefined} */ only) {
	const { targets, measure, ratioText, TARGET_SEEDS } = requireSimulator('sim/targets');
	let missed = 0;
	for (const target of targets()) {
		if (only && !target.name.includes(only)) continue;
		const result = await measure(target);
		if (!result.met) missed++;
		const broke = result.violations.length > 0 ? `; ${result.violations.join('; ')}` : '';
		console.log(
			`${result.met ? 'met ' : 'MISS'} ${ratioText(result)}  ${target.name}: ${Math.round(result.virtualMs / 1000)} s for ${Math.round(result.idealMs / 1000)} s, ${result.refused} refused of ${result.sent} sent, means over ${TARGET_SEEDS} seeds${broke}`,
		);
	}
	return missed;
}

async function main(/** @type {string[]} */ args) {
	if (args.includes('--help')) {
		console.log(USAGE);
		return 0;
	}
	const value = (/** @type {string} */ flag) => {
		const at = args.indexOf(flag);
		return at >= 0 ? args[at + 1] : undefined;
	};
	buildSimulator();
	if (args.includes('--targets')) {
		const only = value('--targets');
		return (await runTargets(only?.startsWith('--') ? undefined : only)) > 0 ? 1 : 0;
	}
	const { randomScenario } = requireSimulator('sim/scenario');
	const { simulate } = requireSimulator('sim/simulate');
	const { trace } = requireSimulator('sim/trace');
	const files = args.filter((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
	const seed = value('--seed');
	if (files.length > 0 || seed !== undefined) {
		const scenarios = files.map((file) => JSON.parse(fs.readFileSync(file, 'utf8')));
		if (seed !== undefined) {
			scenarios.push(randomScenario(Number(seed)));
			console.log(JSON.stringify(scenarios[scenarios.length - 1]));
		}
		let broken = 0;
		for (const scenario of scenarios) {
			const show = args.includes('--trace')
				? (/** @type {any} */ world) => console.log(trace(world).join('\n'))
				: undefined;
			const summary = await simulate(scenario, show);
			console.log(JSON.stringify(summary));
			if (summary.violations.length > 0) broken++;
		}
		return broken > 0 ? 1 : 0;
	}
	const count = Number(value('--seeds') ?? 1000);
	const from = Number(value('--from') ?? 1);
	let broken = 0;
	const started = Date.now();
	for (let s = from; s < from + count; s++) {
		const summary = await simulate(randomScenario(s));
		if (summary.violations.length > 0) {
			broken++;
			console.log(JSON.stringify(summary));
			console.log(`replay: npm run sim -- --seed ${s}`);
		}
	}
	const took = Math.round((Date.now() - started) / 1000);
	console.log(`${count} seeds from ${from}: ${broken} broke an invariant (${took} s)`);
	return broken > 0 ? 1 : 0;
}

if (require.main === module) {
	main(process.argv.slice(2)).then(
		(code) => (process.exitCode = code),
		(error) => {
			console.error(error);
			process.exitCode = 2;
		},
	);
}

module.exports = { buildSimulator, requireSimulator };
