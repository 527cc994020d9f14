import type { ILoadOptionsFunctions, INodeProperties } from 'n8n-workflow';

import * as packageIndex from '../../../../index';
import { BizKitHub } from '../../../../nodes/BizKitHub/BizKitHub.node';
import packageJson from '../../../../package.json';
import { API_FIELD_NAMES, OUTPUT_NAMES } from '../../../helpers/expectedNames';
import { outputsFor } from '../../../helpers/runWorkflow';

const node = new BizKitHub();
const { description } = node;
const property = (name: string) =>
	description.properties.find((candidate) => candidate.name === name) as INodeProperties;

test('the node has the names saved workflows depend on', () => {
	expect(description.name).toBe('bizKitHub');
	expect(description.displayName).toBe('BizKitHub');
	expect(description.version).toBe(1);
	expect(description.credentials).toEqual([{ name: 'bizKitHubApi', required: true }]);
	// The outputs come from the operation; saved parameters leave the defaults out.
	const registerAccountOutputs = OUTPUT_NAMES.map((displayName) => ({ type: 'main', displayName }));
	expect(outputsFor({})).toEqual(registerAccountOutputs);
	expect(outputsFor({ resource: 'customer', operation: 'registerAccount' })).toEqual(
		registerAccountOutputs,
	);
	expect(property('resource')).toMatchObject({
		default: 'customer',
		options: [{ value: 'customer' }],
	});
	expect(property('operation')).toMatchObject({
		default: 'registerAccount',
		options: [{ name: 'Register Account', value: 'registerAccount' }],
	});
	expect(property('columns')).toMatchObject({
		type: 'resourceMapper',
		typeOptions: { resourceMapper: { resourceMapperMethod: 'getApiFields', supportAutoMap: true } },
	});
	const options = property('options').options as INodeProperties[];
	expect(Object.fromEntries(options.map((option) => [option.name, option.default]))).toEqual({
		validateOnly: false,
		concurrency: 5,
		defaultPhoneCountry: '',
		maxAttempts: 4,
		maxRateLimitWait: 300,
		timeout: 30000,
	});
});

test('the mapping form offers the 21 API fields, email and password required, typed', async () => {
	const { fields } = await node.methods.resourceMapping.getApiFields.call(
		{} as ILoadOptionsFunctions,
	);
	expect(fields.map((field) => field.id)).toEqual(API_FIELD_NAMES);
	expect(fields.filter((field) => field.required).map((field) => field.id)).toEqual([
		'email',
		'password',
	]);
	const typeOf = Object.fromEntries(fields.map((field) => [field.id, field.type]));
	expect(typeOf).toMatchObject({
		email: 'string',
		newsletter: 'boolean',
		groups: 'array',
		returnUrl: 'url',
		phone: 'string',
	});
	for (const field of fields) {
		expect(field.display).toBe(true);
		expect(field.displayName.length).toBeGreaterThan(0);
	}
});

test('the package is what n8n and its verification expect', () => {
	expect(packageJson.name).toBe('n8n-nodes-bizkithub');
	expect(packageJson.license).toBe('MIT');
	expect(packageJson.keywords).toContain('n8n-community-node-package');
	expect(packageJson.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
	expect(packageJson).not.toHaveProperty('dependencies');
	expect(Object.keys(packageJson.peerDependencies)).toEqual(['n8n-workflow']);
	expect(Object.keys(packageIndex).sort()).toEqual(['BizKitHub', 'BizKitHubApi']);
});

test('as "BizKitHub Tool" it tells the agent what it needs and what it answers; the node itself does not show that', () => {
	const toolDescription = property('toolDescription');
	expect(toolDescription.displayOptions?.show).toMatchObject({
		'@tool': [true],
		resource: ['customer'],
		operation: ['registerAccount'],
	});
	const text = String(toolDescription.default);
	for (const said of [
		'"email"',
		'"password"',
		'confirmation e-mail',
		'already_registered',
		'invalid',
	]) {
		expect(text).toContain(said);
	}
	expect(description.usableAsTool).toBe(true);
});
