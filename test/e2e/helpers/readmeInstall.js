// @ts-check
'use strict';

// The README's command that installs the packed package into a self-hosted n8n, read from the
// README itself and run as a user would run it: in a shell, with a home folder of its own, without
// anything of this project's npm set-up (its .npmrc, npm's variables of `npm test`).

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { TARBALL_PLACEHOLDER } = require('../../../scripts/lib/installCommand');
const { ROOT } = require('../../../scripts/lib/runtime');

/** The line of the README's "Install" section that installs the tarball. */
function readmeInstallCommand() {
	const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
	const start = readme.indexOf('\n## Install\n');
	if (start < 0) throw new Error('the README has no "## Install" section');
	const end = readme.indexOf('\n## ', start + 1);
	const section = readme.slice(start, end < 0 ? undefined : end);
	const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map(([, block]) => block);
	const lines = blocks.flatMap((block) => block.split('\n'));
	const command = lines.find((line) => line.includes(TARBALL_PLACEHOLDER));
	if (!command)
		throw new Error(`no command in the README's Install section names ${TARBALL_PLACEHOLDER}`);
	return command.replace(/\s+#.*$/, '').trim();
}

/**
 * Runs `command` with `home` as the home folder, the tarball's path put in for the placeholder.
 * Returns what it printed.
 * @param {string} command @param {string} home @param {string} tarball
 */
function runAsUser(command, home, tarball) {
	const env = Object.fromEntries(
		Object.entries(process.env).filter(
			([key]) => !/^npm_/i.test(key) && !['NODE_OPTIONS', 'NODE_ENV', 'INIT_CWD'].includes(key),
		),
	);
	return execFileSync('bash', ['-e', '-c', command.replace(TARBALL_PLACEHOLDER, tarball)], {
		cwd: home,
		env: { ...env, HOME: home },
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
}

module.exports = { readmeInstallCommand, runAsUser };
