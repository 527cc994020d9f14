// @ts-check
'use strict';

// Publishes the package to a local registry (scripts/lib/localRegistry.js) by the steps the
// release workflow (.github/workflows/publish.yml) runs before `npm publish`: build, lint, and the
// checks of `npm run pack` (the build is there and not stale, the tarball holds the node and the
// credential and nothing users never need). The project's .npmrc sets ignore-scripts=true, so npm
// runs no prepack or prepublishOnly: their checks are run here explicitly. The workflow's
// `--provenance` is left out: a provenance statement can only be made in GitHub Actions.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { checkedPack } = require('./installPackage');
const { ROOT, cleanEnvironment, log, npmCommand } = require('./runtime');

/** @param {string[]} args @param {string} cwd */
function runNpm(args, cwd) {
	const [command, prefix] = npmCommand();
	try {
		return execFileSync(command, [...prefix, ...args], {
			cwd,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...cleanEnvironment(), npm_config_ignore_scripts: 'true' },
		});
	} catch (error) {
		throw new Error(
			`npm ${args[0]} failed:\n${String(error.stdout ?? '')}${String(error.stderr ?? '')}`.slice(
				-3000,
			),
		);
	}
}

/**
 * Build, lint and the pack checks, on the working tree. Returns the packed tarball (in a new
 * temporary folder, which the caller removes).
 */
function checkedTarball() {
	log('linting the node and the credential (npm run lint)');
	runNpm(['run', '--silent', 'lint'], ROOT);
	const { tarball } = checkedPack();
	return tarball;
}

/**
 * `npm publish` of a package folder to the registry, with the user config holding its token.
 * @param {string} folder
 * @param {{ url: string, userConfig: string }} registry
 */
function publishFolder(folder, registry) {
	const { name, version } = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
	log(`publishing ${name}@${version} to ${registry.url} (npm publish, without --provenance)`);
	runNpm(
		[
			'publish',
			'--access',
			'public',
			'--registry',
			registry.url,
			'--userconfig',
			registry.userConfig,
		],
		folder,
	);
	return { name, version };
}

/**
 * Publishes the working tree after the release checks: as it is, or, with `version`, a temporary
 * copy of the package (the tarball's content) with that version in its package.json.
 * @param {{ url: string, userConfig: string }} registry
 * @param {{ version?: string }} [options]
 */
function publishLocal(registry, { version } = {}) {
	const tarball = checkedTarball();
	try {
		if (!version) return publishFolder(ROOT, registry);
		const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'bizkithub-copy-'));
		try {
			execFileSync('tar', ['-xzf', tarball, '-C', copy, '--strip-components=1']);
			const manifestPath = path.join(copy, 'package.json');
			const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
			manifest.version = version;
			fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
			return publishFolder(copy, registry);
		} finally {
			fs.rmSync(copy, { recursive: true, force: true });
		}
	} finally {
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	}
}

/** The next patch version of `version` (0.1.0 → 0.1.1). @param {string} version */
function nextPatch(version) {
	const [major, minor, patch] = version.split('-')[0].split('.').map(Number);
	return `${major}.${minor}.${patch + 1}`;
}

module.exports = { publishLocal, nextPatch };
