// @ts-check
'use strict';

// `npm run sandbox`: a local BizKitHub for trying the node by hand.
//   --port 8787            port on 127.0.0.1 (default 8787; 0 picks a free one)
//   --latency 20           milliseconds before each answer (default 0)
//   --rate 20/1s --burst 5 per-key rate limit for PROD and DEV_ keys (default: none)
//   --empty                start with no customers (default: the demo's returning, banned and pending ones)
//   --misbehave trickle    fail every registration this way (see sandbox/misbehaviours.js), unless
//                          its address asks for another (jane+hangup@example.com)
//   --flaky 10             every 10th registration fails in turn: cut, HTTP 500, slow

const { DEMO_CRM_CONTACTS } = require('./demoCrmContacts');
const { DEMO_CUSTOMERS } = require('./demoCustomers');
const { EXAMPLE_FILES, MISBEHAVIOURS, startSandbox, SANDBOX_KEYS } = require('./server');

function option(name, fallback) {
	const at = process.argv.indexOf(`--${name}`);
	return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

function parseRate(text, burst) {
	if (!text) return null;
	const match = /^(\d+)\/(\d*)(ms|s|m|h)$/.exec(text);
	if (!match) throw new Error(`--rate must look like 20/1s or 1000/1h, not ${text}`);
	const unit = { ms: 1, s: 1000, m: 60000, h: 3600000 }[match[3]];
	const limit = Number(match[1]);
	return { limit, windowMs: Number(match[2] || 1) * unit, burst: Number(burst ?? limit) };
}

async function main() {
	const sandbox = await startSandbox({
		port: Number(option('port', 8787)),
		latencyMs: Number(option('latency', 0)),
		rateLimit: parseRate(option('rate'), option('burst')),
		customers: process.argv.includes('--empty') ? [] : DEMO_CUSTOMERS,
		files: EXAMPLE_FILES,
		misbehave: option('misbehave'),
		flakyEvery: Number(option('flaky', 0)),
		crmContacts: DEMO_CRM_CONTACTS,
	});
	console.log(`BizKitHub sandbox listening on ${sandbox.url}`);
	console.log(
		'Use it as the Base URL of a "BizKitHub API" credential, with one of these keys (not real secrets):',
	);
	for (const [kind, key] of Object.entries(SANDBOX_KEYS)) console.log(`  ${kind.padEnd(8)} ${key}`);
	console.log(
		'Addresses like jane+e002@example.com force an outcome (e001..e004). These tags make it misbehave',
	);
	console.log(
		'(add a number, e.g. +hangup2, for only the first requests of that address; --misbehave TAG for all):',
	);
	for (const [tag, { what }] of Object.entries(MISBEHAVIOURS))
		console.log(`  +${tag.padEnd(10)} ${what}`);
	if (!process.argv.includes('--empty')) {
		console.log(
			`Known customers: ${DEMO_CUSTOMERS.map((customer) => `${customer.email} (${customer.state})`).join(', ')}`,
		);
	}
	console.log(
		`A CRM stand-in for the CRM sync example: GET ${sandbox.url}/crm/contacts (${DEMO_CRM_CONTACTS.length} contacts), PATCH ${sandbox.url}/crm/contacts/<id>`,
	);
	console.log('Ctrl-C stops it.');
	// Once: Ctrl-C reaches it from the terminal and again from npm (see scripts/lib/lifecycle.js).
	let stopping;
	const stop = () => (stopping ??= sandbox.close().then(() => process.exit(0)));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
