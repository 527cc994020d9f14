/**
 * Every declaration of the package in the environment that the documentation gives
 * (`N8N_COMMUNITY_PACKAGES`, read by n8n 2.21 and later when `N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV`
 * is true) is JSON n8n accepts, names the package and pins the version package.json has: a release
 * that forgets the docs fails here.
 *
 * The declaration cannot be run end to end here: n8n installs declared packages at start-up, before
 * its test switch for a custom registry exists, so a local registry is refused by the licence check
 * (a registry other than npm's is a licensed feature), and the project does not patch n8n's licence.
 * What n8n does with it is read from its source (2.41: the community-packages module's
 * instance-settings loader); this test checks what the docs say against that.
 */
import { readProjectFile } from '../../helpers/projectFiles';

const { version } = JSON.parse(readProjectFile('package.json')) as { version: string };

/** The entry for this package in a declared list, after checking the list's shape as n8n does. */
function entryOfPackage(json: string) {
	const list: unknown = JSON.parse(json);
	expect(Array.isArray(list)).toBe(true);
	for (const entry of list as unknown[]) {
		expect(typeof entry).toBe('object');
		// n8n's schema is strict: name, and optionally version and checksum, nothing else.
		expect(
			Object.keys(entry as object).every((key) => ['name', 'version', 'checksum'].includes(key)),
		).toBe(true);
	}
	return (list as Array<{ name: string; version?: string }>).find(
		(entry) => entry.name === 'n8n-nodes-bizkithub',
	);
}

describe.each(['README.md', 'docs/queue-mode.md'])('%s', (file) => {
	const declarations = [
		...readProjectFile(file).matchAll(/^\s*N8N_COMMUNITY_PACKAGES=(.*)$/gm),
	].map(([, value]) => value.trim().replace(/^'(.*)'$/, '$1'));

	test('declares the package in the environment', () => {
		expect(declarations.length).toBeGreaterThan(0);
	});

	test.each(declarations.map((value) => [value]))(
		'%s pins the version of package.json',
		(value) => {
			expect(entryOfPackage(value)).toEqual({ name: 'n8n-nodes-bizkithub', version });
		},
	);

	test('beside a line that hands the packages to the environment', () => {
		expect(readProjectFile(file)).toMatch(/^\s*N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV=true$/m);
	});
});

describe('docs/docker-compose.yml', () => {
	const lines = readProjectFile('docs/docker-compose.yml').split('\n');
	const indent = (line: string) => /^ */.exec(line)![0].length;

	/** The mapping (same indentation, no blank or shallower line between) around line `at`. */
	function mappingAround(at: number) {
		const depth = indent(lines[at]);
		const inside = (line: string) => line.trim() !== '' && indent(line) >= depth;
		let first = at;
		while (first > 0 && inside(lines[first - 1])) first--;
		let last = at;
		while (last + 1 < lines.length && inside(lines[last + 1])) last++;
		return lines.slice(first, last + 1).filter((line) => indent(line) === depth);
	}

	/** A YAML scalar as written on one line: plain, or single-quoted ('' is one quote). */
	function scalar(text: string) {
		const quoted = /^'(.*)'$/.exec(text.trim());
		return quoted ? quoted[1].replace(/''/g, "'") : text.trim();
	}

	const declarationLines = lines.flatMap((line, at) =>
		/^\s+N8N_COMMUNITY_PACKAGES:/.test(line) ? [at] : [],
	);

	test('declares the package once, in the environment every n8n service merges', () => {
		expect(declarationLines).toHaveLength(1);
		const mapping = mappingAround(declarationLines[0]);
		const anchor = lines[lines.indexOf(mapping[0]) - 1];
		expect(anchor).toMatch(/^\s+environment: &n8n-env$/);

		const services = lines.slice(lines.indexOf('services:') + 1);
		const n8nServices = services.filter((line) => /^ {2}n8n[\w-]*:$/.test(line));
		expect(n8nServices.length).toBeGreaterThanOrEqual(2); // main and workers
		for (const service of n8nServices) {
			const start = lines.indexOf(service);
			let end = start + 1;
			while (end < lines.length && (lines[end].trim() === '' || indent(lines[end]) > 2)) end++;
			const block = lines.slice(start + 1, end);
			// Each takes the shared image and merges the shared environment (and sets no other list).
			expect(block).toContain('    <<: *n8n');
			expect(block).toContain('      <<: *n8n-env');
			expect(block.some((line) => /N8N_COMMUNITY_PACKAGES/.test(line))).toBe(false);
		}
	});

	test('the declaration pins the version of package.json, with management by the environment on', () => {
		const at = declarationLines[0];
		expect(entryOfPackage(scalar(lines[at].replace(/^\s+N8N_COMMUNITY_PACKAGES:/, '')))).toEqual({
			name: 'n8n-nodes-bizkithub',
			version,
		});
		const beside = mappingAround(at)
			.map((line) => /^\s+N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV:(.*)$/.exec(line)?.[1])
			.filter((value) => value !== undefined);
		expect(beside.map(scalar)).toEqual(['true']);
	});
});
