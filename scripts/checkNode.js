// @ts-check
'use strict';

// The first step of every npm script: stops with a clear message when the Node.js running it is
// too old for the tools. @n8n/node-cli (build, lint) loads ES modules with require(), which
// Node.js has without a flag from 20.19 on; on 20.18 it fails with ERR_REQUIRE_ESM. Written in
// plain old JavaScript so that any Node.js can run it and say so.

var MINIMUM = [20, 19, 0];

/** @param {string} version e.g. "20.18.3" */
function isSupported(version) {
	var parts = version.replace(/^v/, '').split('.').map(Number);
	for (var i = 0; i < MINIMUM.length; i++) {
		if ((parts[i] || 0) !== MINIMUM[i]) return (parts[i] || 0) > MINIMUM[i];
	}
	return true;
}

if (require.main === module && !isSupported(process.versions.node)) {
	process.stderr.write(
		'n8n-nodes-bizkithub needs Node.js ' +
			MINIMUM.join('.') +
			' or later to build, lint and test; this is ' +
			process.versions.node +
			'.\nInstall a newer Node.js (20.19+, 22 or 24) and run the command again. ' +
			'(n8n itself runs on Node 24, which the scripts fetch on their own.)\n',
	);
	process.exit(1);
}

// Then the project's dependencies: installed (npm ci) when missing or out of date, so that each
// npm script works on a fresh clone without a separate `npm ci` (scripts/lib/dependencies.js).
if (require.main === module) require('./lib/dependencies').ensureDependencies();

module.exports = { MINIMUM, isSupported };
