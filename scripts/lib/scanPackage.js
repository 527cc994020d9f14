// @ts-check
'use strict';

// n8n's vetting scan (@n8n/scan-community-package, a devDependency) of a package published to a
// local registry. Its command line cannot be pointed at another registry: it reads the package's
// metadata from registry.npmjs.org (hard-coded), demands an npm provenance statement, and lints
// the source the statement names, fetched from GitHub. None of that exists offline. What can run
// is what it runs on the package itself: the tarball fetched with `npm pack <name>@<version>`
// (as the scanner does, here pointed at the local registry) and linted with its own rules
// (`analyzePackage`, on the compiled .js and package.json, as its tarball leg does), and the same
// rules on the source it would fetch (package.json, nodes/ and credentials/ of the working tree).

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ROOT, cleanEnvironment } = require('./runtime');

const SCANNER = path.join(
	ROOT,
	'node_modules',
	'@n8n',
	'scan-community-package',
	'scanner',
	'scanner.mjs',
);

/**
 * Lints `folder` with the scanner's own ESLint set-up, in a process of its own (the scanner is an
 * ES module). Resolves with its verdict and, on failure, the lint report.
 * @param {string} folder
 * @param {string[]} patterns
 * @returns {{ passed: boolean, message?: string, details?: string }}
 */
function analyze(folder, patterns) {
	const code = `import(${JSON.stringify(SCANNER)}).then(async ({ analyzePackage }) => {
		const { passed, message, details } = await analyzePackage(${JSON.stringify(folder)}, ${JSON.stringify(patterns)});
		process.stdout.write('\\n@@' + JSON.stringify({ passed, message, details }));
	});`;
	const result = spawnSync(process.execPath, ['-e', code], {
		encoding: 'utf8',
		cwd: folder,
		// Under jest, NODE_ENV=test makes the node's naming rules misfire (see cleanEnvironment).
		env: cleanEnvironment(),
	});
	const marker = result.stdout.lastIndexOf('\n@@');
	if (result.status !== 0 || marker < 0)
		throw new Error(`the scanner did not run:\n${(result.stdout + result.stderr).slice(-3000)}`);
	return JSON.parse(result.stdout.slice(marker + 3));
}

/**
 * Scans `name@version` as published on `registryUrl`, and the source `sourceFolder` (the
 * working tree unless given). Provenance is not checked (see above).
 * @param {string} registryUrl
 * @param {string} name
 * @param {string} version
 * @param {string} [sourceFolder]
 */
function scanPublished(registryUrl, name, version, sourceFolder = ROOT) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bizkithub-scan-'));
	try {
		const tarball = execFileSync('npm', ['-q', 'pack', `${name}@${version}`], {
			cwd: folder,
			encoding: 'utf8',
			env: {
				...cleanEnvironment(),
				NPM_CONFIG_REGISTRY: registryUrl,
				npm_config_ignore_scripts: 'true',
			},
		})
			.trim()
			.split('\n')
			.pop();
		const packageDir = path.join(folder, 'package');
		execFileSync('tar', ['-xzf', String(tarball)], { cwd: folder });
		const published = analyze(packageDir, ['**/*.js', 'package.json']);
		const source = analyze(sourceFolder, ['package.json', '{nodes,credentials}/**/*.{js,ts,json}']);
		return {
			passed: published.passed && source.passed,
			message: [source, published].find((result) => !result.passed)?.message,
			details: [source.details, published.details].filter(Boolean).join('\n') || undefined,
		};
	} finally {
		fs.rmSync(folder, { recursive: true, force: true });
	}
}

module.exports = { scanPublished };
