// @ts-check
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/compat'],
	testMatch: ['**/*.compat.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
	globalSetup: '<rootDir>/test/compat/globalSetup.js',
	// Each test starts real n8n processes; one file at a time keeps a 2-core machine responsive.
	maxWorkers: 1,
	testTimeout: 300000,
};
