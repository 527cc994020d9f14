// @ts-check
'use strict';

// The command that installs the packed package into a self-hosted n8n, as the README gives it and
// `npm run pack` prints it. It does what n8n does when it installs a community package: npm's
// scripts off, and no peer dependencies (n8n provides n8n-workflow itself; npm would otherwise
// install a copy of it, 160-odd packages with native builds).

/** Where the README writes the tarball's path. */
const TARBALL_PLACEHOLDER = '/path/to/n8n-nodes-bizkithub-<version>.tgz';

/** @param {string} tarball the tarball's path */
function installCommand(tarball) {
	return `mkdir -p ~/.n8n/nodes && cd ~/.n8n/nodes && npm install --ignore-scripts --legacy-peer-deps ${tarball}`;
}

module.exports = { TARBALL_PLACEHOLDER, installCommand };
