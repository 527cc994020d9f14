// @ts-check
'use strict';

// Files of the project and temporary folders, for TypeScript tests (the linter keeps node:fs and
// node:path out of TypeScript files).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** A file of the project, as text. @param {string} relativePath */
function readProjectFile(relativePath) {
	return fs.readFileSync(path.join(ROOT, relativePath), 'utf8');
}

/** A new empty temporary folder. @param {string} prefix */
function makeTempFolder(prefix) {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** @param {string} folder */
function removeFolder(folder) {
	fs.rmSync(folder, { recursive: true, force: true });
}

/** @param {string} file */
function exists(file) {
	return fs.existsSync(file);
}

/** Waits until `file` no longer exists; false after `timeoutMs`. @param {string} file */
async function gone(file, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (!fs.existsSync(file)) return true;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return false;
}

/** Folders that are not the project's own text: installed, fetched or built. */
const NOT_OURS = new Set(['.git', 'node_modules', '.cache', 'dist', 'coverage']);

/**
 * The project's files whose names end with one of `endings`, as paths relative to the project.
 * @param {string[]} endings
 */
function projectFilesEndingWith(endings) {
	/** @type {string[]} */
	const found = [];
	const walk = (/** @type {string} */ folder) => {
		for (const entry of fs.readdirSync(path.join(ROOT, folder), { withFileTypes: true })) {
			const relative = path.join(folder, entry.name);
			if (entry.isDirectory()) {
				if (!NOT_OURS.has(entry.name)) walk(relative);
			} else if (endings.some((ending) => entry.name.endsWith(ending))) {
				found.push(relative);
			}
		}
	};
	walk('');
	return found.sort();
}

/** Whether `relativePath` (a file or a folder) exists in the project. @param {string} relativePath */
function projectPathExists(relativePath) {
	return fs.existsSync(path.join(ROOT, relativePath));
}

/** The names in a folder. @param {string} folder */
function listFolder(folder) {
	return fs.readdirSync(folder).sort();
}

/** A JSON file, parsed. @param {string} file */
function readJsonFile(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Writes `value` as JSON to `file`, making its folder. @param {string} file @param {unknown} value */
function writeJsonFile(file, value) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, JSON.stringify(value));
}

module.exports = {
	PROJECT_ROOT: ROOT,
	writeJsonFile,
	listFolder,
	readJsonFile,
	readProjectFile,
	makeTempFolder,
	removeFolder,
	exists,
	gone,
	projectFilesEndingWith,
	projectPathExists,
};
