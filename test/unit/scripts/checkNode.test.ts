import { MINIMUM, isSupported } from '../../../scripts/checkNode';

test('the minimum is Node.js 20.19.0, the first 20.x that loads ES modules with require()', () => {
	expect(MINIMUM).toEqual([20, 19, 0]);
});

test.each([
	['20.18.3', false],
	['v20.18.0', false],
	['18.20.4', false],
	['20.19.0', true],
	['20.20.2', true],
	['22.0.0', true],
	['24.21.0', true],
])('Node.js %s is supported: %s', (version, supported) => {
	expect(isSupported(version)).toBe(supported);
});
