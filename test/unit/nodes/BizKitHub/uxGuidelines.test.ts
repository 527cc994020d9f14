/**
 * n8n's UX guidelines for nodes, checked on every parameter of the node and the credential:
 * Title Case labels, booleans phrased "Whether ...", placeholders starting "e.g.", a codex with
 * categories n8n knows and aliases people search for.
 */
import type { INodeProperties } from 'n8n-workflow';

import { BizKitHubApi } from '../../../../credentials/BizKitHubApi.credentials';
import { BizKitHub } from '../../../../nodes/BizKitHub/BizKitHub.node';
import codex from '../../../../nodes/BizKitHub/BizKitHub.node.json';
import { subtitleFor } from '../../../helpers/runWorkflow';

/** Every parameter, options of collections included. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => [
		property,
		...(property.type === 'collection' ? allProperties(property.options as INodeProperties[]) : []),
	]);
}

const nodeProperties = allProperties(new BizKitHub().description.properties);
const credentialProperties = new BizKitHubApi().properties;
const everyProperty = [...nodeProperties, ...credentialProperties];

const SMALL_WORDS = new Set(['a', 'an', 'and', 'for', 'in', 'of', 'or', 'the', 'to']);

test.each(
	everyProperty.filter((property) => property.type !== 'notice').map((p) => [p.displayName]),
)('"%s" is in Title Case', (label) => {
	const words = label.split(/\s+/).filter((word) => /^[a-z]/i.test(word));
	for (const word of words.slice(1)) {
		if (SMALL_WORDS.has(word)) continue;
		expect([label, word[0]]).toEqual([label, word[0].toUpperCase()]);
	}
});

test('booleans say "Whether ..."', () => {
	const booleans = nodeProperties.filter((property) => property.type === 'boolean');
	expect(booleans.length).toBeGreaterThan(0);
	for (const property of booleans) expect(property.description).toMatch(/^Whether /);
});

test('placeholders of inputs start with "e.g."', () => {
	const inputs = everyProperty.filter(
		(property) => property.placeholder !== undefined && property.type !== 'collection',
	);
	expect(inputs.map((property) => property.name).sort()).toEqual([
		'apiKey',
		'baseUrl',
		'defaultPhoneCountry',
	]);
	for (const property of inputs) expect(property.placeholder).toMatch(/^e\.g\. /);
});

test('a notice says that a registration sends the customer a confirmation e-mail', () => {
	const notices = nodeProperties.filter((property) => property.type === 'notice');
	expect(notices.map((notice) => notice.displayName).join(' ')).toMatch(/confirmation e-mail/);
});

test('the codex uses categories n8n has, and aliases people search for', () => {
	expect(codex.categories).toEqual(['Sales', 'Marketing']);
	expect(codex.alias).toEqual(
		expect.arrayContaining(['customer', 'sign up', 'register', 'CRM', 'contact']),
	);
});

test('the canvas shows the operation by its name under the node', () => {
	expect(subtitleFor({})).toBe('Register Account');
	expect(subtitleFor({ resource: 'customer', operation: 'registerAccount' })).toBe(
		'Register Account',
	);
});
