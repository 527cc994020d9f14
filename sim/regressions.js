// @ts-check
'use strict';

// The scenarios kept in sim/regressions/: each once broke an invariant (and breaks it again
// without the fix that its `why` names). Read from the source or from the build in .cache/sim.

const fs = require('node:fs');
const path = require('node:path');

/** The repository's sim/regressions/. */
function regressionsFolder() {
	for (let folder = __dirname; folder !== path.dirname(folder); folder = path.dirname(folder)) {
		const candidate = path.join(folder, 'sim', 'regressions');
		if (fs.existsSync(candidate)) return candidate;
	}
	throw new Error('sim/regressions/ not found');
}

/**
 * @returns {Array<{ file: string, why: string, scenario: import('./scenario').Scenario }>}
 */
function regressions(folder = regressionsFolder()) {
	return fs
		.readdirSync(folder)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const { why, ...scenario } = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
			return { file, why, scenario };
		});
}

module.exports = { regressions };
