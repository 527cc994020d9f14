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
	// One file at a time: the tests under test/http run the node in real time against a sandbox
	// (a rate limit learnt from answers as they come), and on a 2-core machine a simulator file
	// running beside them starves their thread enough to change what the node sees.
	maxWorkers: 1,
};
