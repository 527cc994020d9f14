// @ts-check
'use strict';

// A module of the package's build (dist/), loaded when a script runs, after `npm run build`. The
// path is worked out at run time, so that `npm run typecheck` does not need a build to exist.

const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * @param {string} modulePath e.g. 'nodes/BizKitHub/sending/throttle'
 * @returns {any}
 */
function requireBuilt(modulePath) {
	return require(path.join(ROOT, 'dist', modulePath));
}

module.exports = { requireBuilt };
