import { soakSectionOf, soakVerdicts, withSoakSection } from '../../../../bench/lib/soakReport';
import type { SoakResult } from '../../../../bench/lib/soak';

/** A soak of 100,000 registrations sampled every 5,000, heap and CPU given per sample. */
function soakResult(
	heapAt: (registrations: number) => number,
	cpuAt: (registrations: number) => number,
	changes: Partial<SoakResult> = {},
): SoakResult {
	const samples = Array.from({ length: 21 }, (_, index) => {
		const registrations = index * 5000;
		return {
			registrations,
			heapMB: heapAt(registrations),
			rssMB: 600,
			cpuMsPerRegistration: index === 0 ? undefined : cpuAt(registrations),
		};
	});
	return {
		calls: 20000,
		registrations: 100000,
		seconds: 1500,
		samples,
		outcomes: { success: 90000, invalid: 5000, E002: 5000 },
		notAnswered200: 0,
		mismatched: 0,
		extra: 0,
		sentTwice: 0,
		registeredAtSandbox: 90000,
		expectedRegistered: 90000,
		keyChange: {
			atRegistrations: 50000,
			oldKeyRefused: 4,
			failedAfter: 0,
			newKeyRequests: 45000,
			oldKeyRequestsAfter: 0,
		},
		collected: true,
		...changes,
	};
}

const flat = () => 200;
const verdictOf = (lines: string[], start: string) =>
	/: (MET|NOT MET|NOT MEASURED)/.exec(lines.find((line) => line.startsWith(start)) ?? '')?.[1];

describe('the soak verdicts', () => {
	test('a flat heap and a steady CPU meet every target', () => {
		const lines = soakVerdicts(soakResult(flat, () => 20));
		expect(lines).toHaveLength(5);
		for (const line of lines) expect(line).toMatch(/: MET \(/);
	});

	test('a heap that grows 22 KB a registration is a leak: neither within 20 MB nor flat', () => {
		const lines = soakVerdicts(
			soakResult(
				(at) => 200 + at * 0.022,
				() => 20,
			),
		);
		expect(verdictOf(lines, 'Soak, heap after GC')).toBe('NOT MET');
		expect(verdictOf(lines, 'Soak, no upward trend')).toBe('NOT MET');
	});

	test('noise around a flat heap is no trend', () => {
		const lines = soakVerdicts(
			soakResult(
				(at) => 200 + ((at / 5000) % 2) * 3,
				() => 20,
			),
		);
		expect(verdictOf(lines, 'Soak, heap after GC')).toBe('MET');
		expect(verdictOf(lines, 'Soak, no upward trend')).toBe('MET');
	});

	test('CPU per registration 15% higher in the last tenth than in the first is not met; cheaper is', () => {
		const slower = soakVerdicts(soakResult(flat, (at) => (at > 90000 ? 23 : 20)));
		expect(verdictOf(slower, 'Soak, CPU per registration')).toBe('NOT MET');
		const cheaper = soakVerdicts(soakResult(flat, (at) => (at <= 10000 ? 25 : 20)));
		expect(verdictOf(cheaper, 'Soak, CPU per registration')).toBe('MET');
	});

	test('a customer lost, answered twice or registered twice fails the accounting', () => {
		for (const broken of [
			{ mismatched: 1 },
			{ notAnswered200: 1 },
			{ sentTwice: 1 },
			{ registeredAtSandbox: 89999 },
		])
			expect(
				verdictOf(soakVerdicts(soakResult(flat, () => 20, broken)), 'Soak, every webhook'),
			).toBe('NOT MET');
	});

	test('an execution failed after the key change, or the old key still used, fails the key change', () => {
		const keyChange = soakResult(flat, () => 20).keyChange;
		for (const broken of [{ failedAfter: 3 }, { oldKeyRequestsAfter: 1 }, { newKeyRequests: 0 }])
			expect(
				verdictOf(
					soakVerdicts(soakResult(flat, () => 20, { keyChange: { ...keyChange, ...broken } })),
					'Soak, the changed key',
				),
			).toBe('NOT MET');
	});
});

describe("the soak's section of results.md", () => {
	const section = '<!-- soak:start -->\n## Soak\nnew\n<!-- soak:end -->';

	test('is added at the end of a document without one, and replaced in one that has it', () => {
		const added = withSoakSection('# Benchmark results\n\ntext\n', section);
		expect(added).toBe(`# Benchmark results\n\ntext\n\n${section}\n`);
		const old = section.replace('new', 'old');
		expect(withSoakSection(`# B\n\n${old}\n\n## After\n`, section)).toBe(
			`# B\n\n${section}\n\n## After\n`,
		);
		expect(soakSectionOf(added)).toBe(section);
		expect(soakSectionOf('# nothing')).toBeUndefined();
	});
});
