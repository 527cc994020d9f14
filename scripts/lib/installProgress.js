// @ts-check
'use strict';

// What a long npm step has done so far, read from what npm prints, for the progress line the
// scripts show every 15 seconds while n8n is installed (several minutes the first time): a line
// that moves, saying what is being done and how far along it is.

/**
 * An `npm install` run with `--loglevel=http`: the package descriptions (metadata) and package
 * archives (tarballs) it has fetched so far. npm first fetches descriptions only, for minutes,
 * while nothing is written into node_modules yet; then the archives, unpacked as they come.
 * @param {string} output what npm printed so far
 */
function installProgress(output) {
	const described = new Set();
	const archived = new Set();
	// "npm http fetch GET 200 <url> 65ms (cache miss)"; an archive npm's cache already holds:
	// "npm http cache <name>@<url> 0ms (cache hit)".
	for (const [, kind, target] of output.matchAll(/^npm http (fetch GET 200|cache) (\S+)/gm)) {
		const url = target.replace(/^.*?@(?=https?:)/, '');
		if (url.endsWith('.tgz')) archived.add(url);
		else if (kind !== 'cache') described.add(url);
	}
	if (described.size + archived.size === 0) return 'resolving what to install';
	if (archived.size === 0)
		return `working out what to install: ${described.size} package descriptions fetched`;
	// (npm's cache may hold descriptions it does not log: the two counts are not one another's share.)
	return `unpacking: ${archived.size} package archives fetched or found in npm's cache`;
}

/** The steps `make` prints while node-gyp builds sqlite3, in the order of a build. */
const BUILD_STEP = /^ {2}([A-Z_]+)(?:\((?:target|host)\))? (\S+)/gm;

/**
 * `npm rebuild sqlite3` run with `--foreground-scripts`: which step of the build it is at. Nearly
 * all of the build's time is one step, compiling SQLite itself (sqlite3.c, 250,000 lines).
 * @param {string} output what npm printed so far
 * @param {number} totalSteps how many steps a whole build prints
 */
function buildProgress(output, totalSteps) {
	const steps = [...output.matchAll(BUILD_STEP)];
	if (steps.length === 0) return 'configuring the build (node-gyp)';
	const [, kind, target] = steps[steps.length - 1];
	const file = target.split('/').pop() ?? target;
	const doing =
		kind === 'CC' && file === 'sqlite3.o'
			? 'compiling SQLite itself (sqlite3.c), the longest step'
			: kind === 'CXX'
				? `compiling ${file.replace(/\.o$/, '.cc')}`
				: kind.startsWith('SOLINK') || kind === 'LINK'
					? 'linking'
					: `${kind.toLowerCase()} ${file}`;
	return `step ${Math.min(steps.length, totalSteps)} of ${totalSteps}: ${doing}`;
}

module.exports = { installProgress, buildProgress };
