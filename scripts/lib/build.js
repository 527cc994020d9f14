// @ts-check
'use strict';

const { execFileSync } = require('node:child_process');

const { ROOT, log, npmCommand } = require('./runtime');

/** `npm run build`, with its output shown only when it fails. */
function build() {
	log('building the package (n8n-node build)');
	const [command, prefix] = npmCommand();
	try {
		execFileSync(command, [...prefix, 'run', '--silent', 'build'], { cwd: ROOT, stdio: 'pipe' });
	} catch (error) {
		process.stderr.write(String(error.stdout ?? '') + String(error.stderr ?? ''));
		throw new Error('the build failed');
	}
}

module.exports = { build };
