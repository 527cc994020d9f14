/**
 * Nothing the node and its credential use is removed in n8n 3.0 (in early access; checked against
 * its published changes, docs.n8n.io "v3.0 breaking changes", not run). That page names, of what a
 * node could use, the `$getPairedItem` expression helper. The others below are deprecated in n8n
 * and kept out so that a later removal cannot break the node:
 * - a `color` in the node description's `defaults`;
 * - the request helpers built on the old `request` library (`this.helpers.request`,
 *   `requestWithAuthentication`, `requestOAuth1`, `requestOAuth2`); the node may use only
 *   `httpRequest` and `httpRequestWithAuthentication`.
 */
import { BizKitHubApi } from '../../../credentials/BizKitHubApi.credentials';
import { BizKitHub } from '../../../nodes/BizKitHub/BizKitHub.node';
import { projectFilesEndingWith, readProjectFile } from '../../helpers/projectFiles';

const sources = projectFilesEndingWith(['.ts', '.js', '.json']).filter(
	(file) =>
		/^(nodes|credentials)\//.test(file) && !file.endsWith('.d.ts') && !file.includes('.test.'),
);

/** What 3.0 removes, as it would be written in the source. */
const removed: Array<[string, RegExp]> = [
	['$getPairedItem', /\$getPairedItem\b/],
	['this.helpers.request(', /\bhelpers\s*\.\s*request\s*\(/],
	['requestWithAuthentication(', /\brequestWithAuthentication\s*\(/],
	['requestOAuth1(', /\brequestOAuth1\s*\(/],
	['requestOAuth2(', /\brequestOAuth2\s*\(/],
	['a color in defaults', /\bdefaults\s*:\s*\{[^}]*\bcolor\s*:/],
];

test('the scan reads the sources of the node and the credential', () => {
	expect(sources).toEqual(
		expect.arrayContaining([
			'nodes/BizKitHub/BizKitHub.node.ts',
			'credentials/BizKitHubApi.credentials.ts',
		]),
	);
});

test.each(removed)('no source uses %s', (_, pattern) => {
	expect(sources.filter((file) => pattern.test(readProjectFile(file)))).toEqual([]);
});

test('the node sends with httpRequest or httpRequestWithAuthentication only', () => {
	const helpersUsed = new Set(
		sources.flatMap((file) =>
			[...readProjectFile(file).matchAll(/\bhelpers\s*\.\s*(\w*[rR]equest\w*)/g)].map(
				([, helper]) => helper,
			),
		),
	);
	expect(helpersUsed.size).toBeGreaterThan(0); // the scan finds how the node sends
	expect(
		[...helpersUsed].filter((helper) => !/^httpRequest(WithAuthentication)?$/.test(helper)),
	).toEqual([]);
});

test('the loaded node description has no colour in its defaults', () => {
	const { defaults } = new BizKitHub().description;
	expect(defaults).not.toHaveProperty('color');
	expect(new BizKitHubApi()).not.toHaveProperty('defaults.color');
});
