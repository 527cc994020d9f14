// @ts-check
'use strict';

// A stand-in for a CRM's contact API, served by the sandbox for the scheduled CRM sync example
// (examples/crm-sync-workflow.json): the contacts to sync, and a field on each contact that the
// workflow writes BizKitHub's outcome into, as it would into HubSpot, Pipedrive or a database.
//   GET   /crm/contacts        every contact, oldest first
//   PATCH /crm/contacts/:id    sets `bizkithubStatus` and `bizkithubNote` on the contact

const CONTACTS_PATH = '/crm/contacts';

/**
 * @typedef {{ id: string, email: string, firstName?: string, lastName?: string, phone?: string,
 *   country?: string, bizkithubStatus?: string, bizkithubNote?: string }} Contact
 */

class CrmStandIn {
	/** @param {ReadonlyArray<Contact>} contacts */
	constructor(contacts) {
		/** @type {Contact[]} */
		this.contacts = contacts.map((contact) => ({ ...contact }));
		/** Every outcome written back, in order. @type {Array<{ id: string, bizkithubStatus: string, bizkithubNote?: string }>} */
		this.updates = [];
	}

	/** Whether a request to `pathname` is the CRM's. @param {string} pathname */
	serves(pathname) {
		return pathname === CONTACTS_PATH || pathname.startsWith(`${CONTACTS_PATH}/`);
	}

	/**
	 * The CRM's answer to a request.
	 * @param {string} method @param {string} pathname @param {unknown} body
	 * @returns {{ status: number, body: unknown }}
	 */
	answer(method, pathname, body) {
		if (pathname === CONTACTS_PATH) {
			if (method !== 'GET') return { status: 405, body: { error: 'Use GET.' } };
			return { status: 200, body: this.contacts.map((contact) => ({ ...contact })) };
		}
		const id = decodeURIComponent(pathname.slice(CONTACTS_PATH.length + 1));
		const contact = this.contacts.find((each) => each.id === id);
		if (!contact) return { status: 404, body: { error: `No contact ${id}` } };
		if (method !== 'PATCH') return { status: 405, body: { error: 'Use PATCH.' } };
		const fields = /** @type {Record<string, unknown>} */ (body ?? {});
		if (typeof fields.bizkithubStatus !== 'string' || fields.bizkithubStatus === '')
			return { status: 400, body: { error: 'bizkithubStatus must be a non-empty text' } };
		const update = {
			id,
			bizkithubStatus: fields.bizkithubStatus,
			...(typeof fields.bizkithubNote === 'string' ? { bizkithubNote: fields.bizkithubNote } : {}),
		};
		Object.assign(contact, update);
		this.updates.push(update);
		return { status: 200, body: { ...contact } };
	}

	/** Adds a contact, as a sales rep entering a new lead. @param {Contact} contact */
	add(contact) {
		this.contacts.push({ ...contact });
	}
}

module.exports = { CrmStandIn, CONTACTS_PATH };
