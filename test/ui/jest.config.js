// @ts-check
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/ui'],
	testMatch: ['**/*.ui.test.js'],
	transform: {},
	globalSetup: '<rootDir>/test/ui/globalSetup.js',
	maxWorkers: 1,
	testTimeout: 300000,
};
