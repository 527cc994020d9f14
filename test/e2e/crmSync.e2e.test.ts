/**
 * The scheduled CRM sync example (examples/crm-sync-workflow.json) published in one n8n 2.41.1
 * server, its Schedule Trigger set to fire every few seconds instead of every night, so that the
 * test sees night after night: the first run registers the CRM's contacts and writes each outcome
 * back; the runs after it send nothing for the contacts the first handled, only the contact
 * added in between. Then the same example under a quota smaller than the CRM (a window of a
 * few seconds standing for the plan's hour): it converges over several runs.
 */
import { sleep } from 'n8n-workflow';

import { DEMO_CRM_CONTACTS } from '../../sandbox/demoCrmContacts';
import { DEMO_CUSTOMERS } from '../../sandbox/demoCustomers';
import { startSandbox } from '../../sandbox/server';
import { exampleWorkflow } from '../../scripts/lib/examples';
import { sandboxCredential } from '../../scripts/lib/sandboxCredential';
import { startN8nServer } from './helpers/n8nServer';

/** How often the test's copy of the workflow runs, in seconds. */
const EVERY_S = 10;

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let server: Awaited<ReturnType<typeof startN8nServer>> | undefined;

type Workflow = { nodes: Array<{ type: string; parameters: Record<string, unknown> }> };

/** The example with its trigger firing every EVERY_S seconds instead of every night at 2. */
function everyFewSeconds(workflow: Workflow) {
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger');
	if (!trigger) throw new Error('the example has no Schedule Trigger');
	expect(trigger.parameters.rule).toEqual({ interval: [{ field: 'days', triggerAtHour: 2 }] });
	trigger.parameters.rule = { interval: [{ field: 'seconds', secondsInterval: EVERY_S }] };
	return workflow;
}

beforeAll(async () => {
	sandbox = await startSandbox({ customers: DEMO_CUSTOMERS, crmContacts: DEMO_CRM_CONTACTS });
});

afterAll(async () => {
	await server?.stop();
	await sandbox?.close();
});

const crm = () => {
	if (!sandbox.crm) throw new Error('the sandbox serves no CRM');
	return sandbox.crm;
};
const statusOf = (id: string) =>
	crm().contacts.find((contact) => contact.id === id)?.bizkithubStatus;
const runs = () =>
	sandbox.requests.filter((request) => request.method === 'GET' && request.path === '/crm/contacts')
		.length;
const sentEmails = (from = 0) =>
	sandbox
		.registrations()
		.slice(from)
		.map((request) => request.body?.email);

/** Waits until `done()`, failing with what n8n printed after `seconds`. */
async function until(done: () => boolean, seconds: number, what: string) {
	for (let waited = 0; !done(); waited += 0.2) {
		if (waited > seconds)
			throw new Error(
				`${what} did not happen within ${seconds} s:\n${server?.output().slice(-3000)}`,
			);
		await sleep(200);
	}
}

test('night after night: every contact sent once, each outcome written back, a new contact the only one sent later', async () => {
	const workflow = everyFewSeconds(exampleWorkflow('crm-sync-workflow.json', sandbox.url));
	server = await startN8nServer({
		credentials: [sandboxCredential(sandbox.url)],
		workflows: [workflow as never],
	});

	// Night one: every contact gets its outcome.
	await until(() => crm().updates.length >= DEMO_CRM_CONTACTS.length, 60, 'the first run');
	expect(
		Object.fromEntries(crm().contacts.map((contact) => [contact.id, contact.bizkithubStatus])),
	).toEqual({
		'c-1001': 'registered',
		'c-1002': 'registered',
		'c-1003': 'has_account',
		'c-1004': 'banned',
		'c-1005': 'pending',
		'c-1006': 'to_fix',
	});
	// Every contact with an address sent once; the broken one never.
	const firstNight = sentEmails();
	expect([...firstNight].sort()).toEqual(
		DEMO_CRM_CONTACTS.map((contact) => contact.email)
			.filter((email) => email.includes('@'))
			.sort(),
	);
	// A phone without its calling code took the contact's country; a password was generated.
	const tomas = sandbox
		.registrations()
		.find((request) => request.body?.email === 'tomas.novak@example.com');
	expect(tomas?.body).toMatchObject({ phone: '+420 777123456', country: 'CZ', firstName: 'Tomáš' });
	expect(String(tomas?.body?.password)).toMatch(/^\S{24}$/);
	expect(crm().contacts.find((contact) => contact.id === 'c-1006')?.bizkithubNote).toMatch(/email/);
	expect(JSON.stringify(crm().contacts)).not.toContain(String(tomas?.body?.password));

	// A later night, before anything changed in the CRM: nothing is sent.
	const runsAfterFirst = runs();
	await until(() => runs() > runsAfterFirst, 3 * EVERY_S, 'a second run');
	await sleep(2000);
	expect(sentEmails(firstNight.length)).toEqual([]);

	// A sales rep adds a lead; the next night sends it, and only it.
	crm().add({ id: 'c-1007', email: 'new.lead@example.com', firstName: 'Nova', country: 'PL' });
	const updatesBefore = crm().updates.length;
	await until(() => statusOf('c-1007') !== undefined, 3 * EVERY_S, 'the new contact being synced');
	expect(statusOf('c-1007')).toBe('registered');
	expect(sentEmails(firstNight.length)).toEqual(['new.lead@example.com']);
	expect(crm().updates.slice(updatesBefore)).toEqual([
		expect.objectContaining({ id: 'c-1007', bizkithubStatus: 'registered' }),
	]);
});

test('a CRM larger than the quota converges: every contact ends registered, once, with nothing sent after', async () => {
	await server?.stop();
	server = undefined;
	const contacts = Array.from({ length: 8 }, (_, index) => ({
		id: `q-${index + 1}`,
		email: `quota.contact${index + 1}@example.com`,
		firstName: `Contact ${index + 1}`,
		country: 'CZ',
	}));
	// 3 registrations per 15 s window, standing for the Free plan's hour; Max Rate-Limit Wait 1 s
	// for the default 300 s: what the window does not take fails at once and waits for a later run.
	const limited = await startSandbox({
		crmContacts: contacts,
		rateLimit: { kind: 'window', limit: 3, windowMs: 15_000 },
	});
	try {
		const workflow = everyFewSeconds(
			exampleWorkflow('crm-sync-workflow.json', limited.url) as Workflow,
		);
		const node = workflow.nodes.find((each) => each.type === 'n8n-nodes-bizkithub.bizKitHub');
		(node?.parameters.options as Record<string, unknown>).maxRateLimitWait = 1;
		server = await startN8nServer({
			credentials: [sandboxCredential(limited.url)],
			workflows: [workflow as never],
		});
		const crmOf = () => limited.crm!;
		await until(
			() => crmOf().contacts.every((contact) => contact.bizkithubStatus === 'registered'),
			150,
			'every contact registered',
		);
		// Some runs left contacts for later, saying so and until when.
		const deferred = crmOf().updates.filter((update) => update.bizkithubStatus === 'error');
		expect(deferred.length).toBeGreaterThan(0);
		for (const update of deferred)
			expect(update.bizkithubNote).toMatch(/RATE_LIMITED until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		// Each registered once, and nothing sent for it after it was.
		const emails = contacts.map((contact) => contact.email);
		expect([...limited.registeredAddresses()].sort()).toEqual([...emails].sort());
		const requests = limited.registrations();
		for (const email of emails) {
			const registeredAt = requests.findIndex(
				(request) => request.body?.email === email && request.outcome === 'success',
			);
			const after = requests.slice(registeredAt + 1).filter((r) => r.body?.email === email);
			expect({ email, after: after.length }).toEqual({ email, after: 0 });
		}
		// Later runs did not knock on a window known to be used up: refusals stay few.
		expect(requests.filter((request) => request.rateLimited).length).toBeLessThanOrEqual(
			requests.filter((request) => !request.rateLimited).length,
		);
	} finally {
		await server?.stop();
		server = undefined;
		await limited.close();
	}
});
