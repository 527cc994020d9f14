/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// The tests that start a real n8n have commands of their own (test:e2e, test:ui, test:queue,
	// test:compat, test:registry).
	testPathIgnorePatterns: [
		'/node_modules/',
		'<rootDir>/test/e2e/',
		'<rootDir>/test/ui/',
		'<rootDir>/test/queue/',
		'<rootDir>/test/compat/',
		'<rootDir>/test/registry/',
	],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
	setupFiles: ['<rootDir>/test/helpers/quietN8n.js'],
	testTimeout: 30000,
};
