// @ts-check
'use strict';

// A copy of the package's source (package.json, nodes/, credentials/) in a temporary folder, with
// a `console.log` added to the node: what n8n's vetting scan must refuse ('no-console').

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ROOT } = require('../../scripts/lib/runtime');

/** @returns {string} the folder; the caller removes it */
function brokenSourceCopy() {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bizkithub-broken-'));
	fs.cpSync(path.join(ROOT, 'package.json'), path.join(folder, 'package.json'));
	for (const part of ['nodes', 'credentials'])
		fs.cpSync(path.join(ROOT, part), path.join(folder, part), { recursive: true });
	fs.appendFileSync(
		path.join(folder, 'nodes', 'BizKitHub', 'BizKitHub.node.ts'),
		'\nconsole.log("leaks");\n',
	);
	return folder;
}

module.exports = { brokenSourceCopy };
