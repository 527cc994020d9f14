// @ts-check
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/registry'],
	testMatch: ['**/*.registry.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
	// n8n and Node 24 in .cache, shared with the end-to-end tests (the package is built by the
	// test itself, as the release workflow builds it before publishing).
	globalSetup: '<rootDir>/test/registry/globalSetup.js',
	maxWorkers: 1,
	testTimeout: 600000,
};
