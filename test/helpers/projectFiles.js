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

module.exports = { readProjectFile, makeTempFolder, removeFolder, exists, gone };
