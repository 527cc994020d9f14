/**
 * Every relative link and image in the project's Markdown files points at a file or folder that
 * exists, so that moving or renaming a file cannot leave a page pointing at nothing.
 */
import {
	projectFilesEndingWith,
	projectPathExists,
	readProjectFile,
} from '../../helpers/projectFiles';

/** The targets of a Markdown text's links and images: `[text](target)`, `![alt](target "title")`. */
function linkTargets(markdown: string): string[] {
	const withoutCode = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '``');
	return [...withoutCode.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
		([, target]) => target,
	);
}

/** A target that is a path within the project (not a web address, an e-mail or a page anchor). */
const isRelative = (target: string) => !/^([a-z][a-z0-9+.-]*:|#)/i.test(target);

/** `target` as a path from the project's root, for a link in `file`. */
function resolved(file: string, target: string): string {
	const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
	const parts = `${folder}/${decodeURIComponent(target.replace(/[#?].*$/, ''))}`.split('/');
	const path: string[] = [];
	for (const part of parts) {
		if (part === '' || part === '.') continue;
		if (part === '..') path.pop();
		else path.push(part);
	}
	return path.join('/');
}

const pages = projectFilesEndingWith(['.md']);
const links = pages.flatMap((file) =>
	linkTargets(readProjectFile(file))
		.filter(isRelative)
		.map((target) => ({ file, target, path: resolved(file, target) })),
);

test('the Markdown files link to one another and to files of the project', () => {
	expect(pages).toEqual(
		expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'docs/performance.md']),
	);
	expect(links.length).toBeGreaterThan(20);
});

test('every relative link and image points at something that exists', () => {
	const broken = links.filter(({ path }) => !projectPathExists(path));
	expect(broken).toEqual([]);
});

test('finds links and images, leaves out code and web addresses, and resolves from the page', () => {
	const text =
		'See [perf](docs/performance.md#top), ![chart](../bench/growth.svg "Growth"), ' +
		'[web](https://n8n.io), [anchor](#install), `[not](a-link.md)`\n```\n[nor](this.md)\n```';
	expect(linkTargets(text).filter(isRelative)).toEqual([
		'docs/performance.md#top',
		'../bench/growth.svg',
	]);
	expect(resolved('docs/performance.md', '../bench/growth.svg')).toBe('bench/growth.svg');
	expect(resolved('README.md', 'docs/performance.md#top')).toBe('docs/performance.md');
});
