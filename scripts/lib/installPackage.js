// @ts-check
'use strict';

// Installs this package into an n8n user folder the way n8n installs a community package: the
// packed tarball, unpacked under .n8n/nodes/node_modules/<name>, with dev and peer dependencies
// stripped from its package.json. The package must be built first (`npm run build`).

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { build } = require('./build');
const { builtFiles, unwantedFiles, whyNotPackable } = require('./packable');
const { ROOT, npmCommand } = require('./runtime');

const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;

/**
 * Packs the project with `npm pack`: the tarball's path (in a new temporary folder) and the files
 * in it. The package must be built first.
 * @returns {{ tarball: string, files: string[] }}
 */
function pack() {
	const why = whyNotPackable();
	if (why) throw new Error(`cannot pack: ${why}; run \`npm run build\` first`);
	const destination = fs.mkdtempSync(path.join(os.tmpdir(), 'bizkithub-pack-'));
	const [command, prefix] = npmCommand();
	const output = execFileSync(
		command,
		[...prefix, 'pack', '--json', '--pack-destination', destination],
		{
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, npm_config_ignore_scripts: 'true' },
		},
	);
	const [{ filename, files }] = JSON.parse(output);
	return {
		tarball: path.join(destination, filename),
		files: files.map((/** @type {{ path: string }} */ file) => file.path),
	};
}

/**
 * Builds and packs the project, and checks the tarball holds what n8n loads and nothing users
 * never need: what `npm run pack` and the release's publish both rely on.
 * @returns {{ tarball: string, files: string[] }}
 */
function checkedPack() {
	build();
	const why = whyNotPackable();
	if (why) throw new Error(`after the build, ${why}`);
	const packed = pack();
	const missing = builtFiles().filter((file) => !packed.files.includes(file));
	if (missing.length > 0) throw new Error(`the tarball lacks ${missing.join(', ')}`);
	const unwanted = unwantedFiles(packed.files);
	if (unwanted.length > 0)
		throw new Error(`the tarball holds what users never need: ${unwanted.join(', ')}`);
	return packed;
}

/**
 * Installs the package into `userFolder` (n8n's N8N_USER_FOLDER) and returns the folder it
 * was unpacked into.
 */
function installInto(userFolder) {
	const { tarball } = pack();
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	fs.rmSync(path.dirname(tarball), { recursive: true, force: true });

	const manifestPath = path.join(target, 'package.json');
	const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
	delete manifest.devDependencies;
	delete manifest.peerDependencies;
	fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

	// n8n lists installed community packages from the nodes folder's own package.json.
	const nodesManifest = path.join(userFolder, '.n8n', 'nodes', 'package.json');
	const nodes = fs.existsSync(nodesManifest)
		? JSON.parse(fs.readFileSync(nodesManifest, 'utf8'))
		: { name: 'installed-nodes', private: true };
	nodes.dependencies = { ...(nodes.dependencies ?? {}), [PACKAGE_NAME]: manifest.version };
	fs.writeFileSync(nodesManifest, `${JSON.stringify(nodes, null, 2)}\n`);
	return target;
}

module.exports = { PACKAGE_NAME, pack, checkedPack, installInto };
