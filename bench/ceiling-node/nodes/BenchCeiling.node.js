'use strict';

// The benchmark's ceiling: register-account requests sent through n8n's request helper with the
// BizKitHub credential, `concurrency` at a time, and nothing else (no validation, no pacing, no
// retries, no reading of the answer beyond its status). Whatever this reaches, no node that must
// use httpRequestWithAuthentication can beat on the same machine. Test-only, never published.

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
			credentials: [{ name: 'bizKitHubApi', required: true }],
			properties: [
				{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 20 },
			],
		};
	}

	async execute() {
		const items = this.getInputData();
		const concurrency = this.getNodeParameter('concurrency', 0);
		const credentials = await this.getCredentials('bizKitHubApi');
		const url = `${String(credentials.baseUrl).replace(/\/+$/, '')}${PATH}`;
		const results = new Array(items.length);
		let next = 0;
		const worker = async () => {
			while (next < items.length) {
				const index = next++;
				const response = await this.helpers.httpRequestWithAuthentication.call(
					this,
					'bizKitHubApi',
					{
						method: 'POST',
						url,
						body: items[index].json,
						json: true,
						returnFullResponse: true,
						ignoreHttpStatusErrors: true,
					},
				);
				results[index] = { json: { status: response.statusCode }, pairedItem: { item: index } };
			}
		};
		await Promise.all(Array.from({ length: concurrency }, worker));
		return [results];
	}
}

module.exports = { BenchCeiling };
