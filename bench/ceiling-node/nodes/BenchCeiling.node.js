// @ts-check
'use strict';

// The benchmark's ceiling: register-account requests sent through n8n's request helper with the
// BizKitHub credential, `concurrency` at a time, and nothing else (no validation, no retries, no
// reading of the answer beyond its status). Like the BizKitHub node, it reads the credential once
// and hands it to the helper decrypted, which spares n8n loading and decrypting it on every request.
// Test-only, never published.
// With `paced` on, it does the one thing n8n's helper needs to go fast (see the README's
// Performance section): it spreads the starts, (fastest answer so far / concurrency) apart, so that
// requests do not travel in bursts that n8n then handles all at once.

const PATH = '/api/v1/customer/register-account';

class BenchCeiling {
	constructor() {
		this.description = {
			displayName: 'Bench Ceiling',
			name: 'benchCeiling',
			group: ['output'],
			version: 1,
			description: 'Benchmark only: sends each item to register-account',
			defaults: { name: 'Bench Ceiling' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [
				{ name: 'bizKitHubApi', displayOptions: { show: { credential: ['bizKitHubApi'] } } },
				{
					name: 'benchExpressionAuth',
					displayOptions: { show: { credential: ['benchExpressionAuth'] } },
				},
			],
			properties: [
				{
					displayName: 'Credential',
					name: 'credential',
					type: 'options',
					options: [
						{ name: 'BizKitHub API', value: 'bizKitHubApi' },
						{ name: 'Key applied by an expression', value: 'benchExpressionAuth' },
					],
					default: 'bizKitHubApi',
				},
				{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 20 },
				{ displayName: 'Paced', name: 'paced', type: 'boolean', default: false },
			],
		};
	}

	/** @this {import("n8n-workflow").IExecuteFunctions} */
	async execute() {
		const items = this.getInputData();
		const concurrency = Number(this.getNodeParameter('concurrency', 0));
		const credentialType = String(this.getNodeParameter('credential', 0));
		const credentials = await this.getCredentials(credentialType);
		const url = `${String(credentials.baseUrl).replace(/\/+$/, '')}${PATH}`;
		const paced = this.getNodeParameter('paced', 0);
		const { id, name } = this.getNode().credentials?.[credentialType] ?? { id: '', name: '' };
		const credentialsDecrypted = { id: id ?? '', name, type: credentialType, data: credentials };
		const results = new Array(items.length);
		let next = 0;
		let fastestMs = Infinity;
		let nextStartAt = 0;
		const waitForTurn = async () => {
			if (!paced || fastestMs === Infinity) return;
			const startAt = Math.max(Date.now(), nextStartAt);
			nextStartAt = startAt + fastestMs / concurrency;
			const waitMs = startAt - Date.now();
			if (waitMs >= 1) await new Promise((resolve) => setTimeout(resolve, waitMs));
		};
		const worker = async () => {
			while (next < items.length) {
				const index = next++;
				await waitForTurn();
				const startedAt = Date.now();
				const response = await this.helpers.httpRequestWithAuthentication.call(
					this,
					credentialType,
					{
						method: 'POST',
						url,
						body: items[index].json,
						json: true,
						returnFullResponse: true,
						ignoreHttpStatusErrors: true,
					},
					{ credentialsDecrypted },
				);
				fastestMs = Math.min(fastestMs, Date.now() - startedAt);
				results[index] = { json: { status: response.statusCode }, pairedItem: { item: index } };
			}
		};
		await Promise.all(Array.from({ length: concurrency }, worker));
		return [results];
	}
}

module.exports = { BenchCeiling };
