/**
 * Every npm script first installs the project's dependencies when node_modules does not hold what
 * package-lock.json names, and only then: a second quick-start line must not run `npm ci` again.
 */
import { whyInstall } from '../../../../scripts/lib/dependencies';
import {
	PROJECT_ROOT,
	makeTempFolder,
	removeFolder,
	writeJsonFile,
} from '../../../helpers/projectFiles';

const LOCK = {
	lockfileVersion: 3,
	packages: {
		'': { name: 'n8n-nodes-bizkithub' },
		'node_modules/jest': { version: '29.7.0', dev: true },
		'node_modules/@esbuild/darwin-arm64': { version: '0.25.0', optional: true },
	},
};
const INSTALLED = {
	lockfileVersion: 3,
	packages: { 'node_modules/jest': { version: '29.7.0', dev: true } },
};

let root: string;
beforeEach(() => {
	root = makeTempFolder('bizkithub-deps-');
});
afterEach(() => removeFolder(root));

test('a fresh clone needs an install', () => {
	writeJsonFile(`${root}/package-lock.json`, LOCK);
	expect(whyInstall(root)).toBe('node_modules is missing');
});

test("installed as the lock says (another platform's optional packages left out): nothing to do", () => {
	writeJsonFile(`${root}/package-lock.json`, LOCK);
	writeJsonFile(`${root}/node_modules/.package-lock.json`, INSTALLED);
	expect(whyInstall(root)).toBeUndefined();
});

test('a pull that changed or added a dependency needs an install, naming it', () => {
	writeJsonFile(`${root}/package-lock.json`, {
		...LOCK,
		packages: {
			...LOCK.packages,
			'node_modules/jest': { version: '30.0.0', dev: true },
			'node_modules/zod': { version: '3.25.76', dev: true },
		},
	});
	writeJsonFile(`${root}/node_modules/.package-lock.json`, INSTALLED);
	expect(whyInstall(root)).toBe('jest is 29.7.0, package-lock.json says 30.0.0');
	writeJsonFile(`${root}/node_modules/.package-lock.json`, {
		packages: { 'node_modules/jest': { version: '30.0.0' } },
	});
	expect(whyInstall(root)).toBe('zod is not installed');
});

test("this project's node_modules matches its package-lock.json (as after npm ci)", () => {
	expect(whyInstall(PROJECT_ROOT)).toBeUndefined();
});
