// @ts-check
'use strict';

// n8n 2.41 prints two notices at every start that no setting turns off and that say nothing about
// this package: its Python task runner is missing (Code nodes in Python are not used here), and
// the internal task-runner mode it runs Code nodes in is deprecated (the alternative needs a
// separate runner process). `npm run dev` shows n8n's output without them; everything else n8n
// prints passes through unchanged.

const readline = require('node:readline');

const PYTHON_RUNNER_MISSING = /^Failed to start Python task runner in internal mode\b/;
// (n8n writes "There is a deprecation" when it has one to tell, "There are deprecations" for more.)
const DEPRECATIONS_HEADER =
	/^There (?:are deprecations|is a deprecation) related to your n8n setup\b/;
const RUNNER_MODE_DEPRECATION = /^ - N8N_RUNNERS_MODE -> /;

/**
 * A line filter: takes n8n's output line by line and returns the lines to show.
 * @returns {(line: string) => string[]}
 */
function startupNoticeFilter() {
	/** @type {string[] | undefined} the deprecation notice being read: header, then kept entries */
	let deprecations;
	let blankHeld = false;
	const flushDeprecations = () => {
		const kept = deprecations && deprecations.length > 1 ? ['', ...deprecations] : [];
		deprecations = undefined;
		return kept;
	};
	return (line) => {
		if (deprecations) {
			if (line.startsWith(' - ')) {
				if (!RUNNER_MODE_DEPRECATION.test(line)) deprecations.push(line);
				return [];
			}
			return [...flushDeprecations(), ...(line === '' ? [] : [line])];
		}
		if (DEPRECATIONS_HEADER.test(line)) {
			deprecations = [line];
			blankHeld = false;
			return [];
		}
		const held = blankHeld ? [''] : [];
		blankHeld = false;
		if (line === '') {
			blankHeld = true;
			return held;
		}
		if (PYTHON_RUNNER_MISSING.test(line)) return held;
		return [...held, line];
	};
}

/**
 * Copies n8n's output to `sink` without the startup notices above.
 * @param {import('node:stream').Readable} source
 * @param {NodeJS.WritableStream} sink
 */
function showWithoutStartupNotices(source, sink) {
	const filter = startupNoticeFilter();
	readline.createInterface({ input: source, crlfDelay: Infinity }).on('line', (line) => {
		for (const shown of filter(line)) sink.write(`${shown}\n`);
	});
}

module.exports = { startupNoticeFilter, showWithoutStartupNotices };
