// @ts-check
'use strict';

// `npm run pack`: builds, packs the package into the project folder and checks that the tarball
// holds what n8n loads. The way to install the package before it is on npm (see the README).
// A plain `npm pack` cannot check anything here: the project's .npmrc turns npm's scripts off,
// its `prepack` included.

const fs = require('node:fs');
const path = require('node:path');

const { installCommand } = require('./lib/installCommand');
const { checkedPack } = require('./lib/installPackage');
const { ROOT, log } = require('./lib/runtime');

function main() {
	const { tarball, files } = checkedPack();
	const target = path.join(ROOT, path.basename(tarball));
	fs.renameSync(tarball, target);
	fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	log(
		`packed ${path.relative(ROOT, target)}: ${files.length} files, the node and the credential among them`,
	);
	console.log('');
	console.log('Install it into a self-hosted n8n (then restart n8n):');
	console.log(`  ${installCommand(target)}`);
	console.log('');
}

try {
	main();
} catch (error) {
	console.error(`pack failed: ${error.message}`);
	process.exit(1);
}
