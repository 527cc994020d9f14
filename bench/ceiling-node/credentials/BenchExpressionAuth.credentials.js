// @ts-check
'use strict';

// Test-only: the BizKitHub key applied the way most n8n credentials do it, as a "generic"
// authentication whose value is an expression n8n evaluates on every request. The published
// credential uses a function instead (it also checks the key's format); the bench compares the two.

class BenchExpressionAuth {
	constructor() {
		this.name = 'benchExpressionAuth';
		this.displayName = 'Bench: key applied by an expression';
		this.properties = [
			{
				displayName: 'API Key',
				name: 'apiKey',
				type: 'string',
				typeOptions: { password: true },
				default: '',
			},
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		];
		this.authenticate = {
			type: 'generic',
			properties: { qs: { apiKey: '={{$credentials.apiKey}}' } },
		};
	}
}

module.exports = { BenchExpressionAuth };
