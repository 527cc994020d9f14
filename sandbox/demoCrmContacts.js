// @ts-check
'use strict';

/**
 * The contacts the sandbox's CRM stand-in holds when it serves `npm run dev` and the CRM sync
 * example: two new customers (one phone number without its calling code, which the contact's
 * country supplies), the demo's returning, banned and pending customers (E002, E003, E004), and
 * one with a broken address (Invalid).
 * @type {ReadonlyArray<import('./crm').Contact>}
 */
const DEMO_CRM_CONTACTS = Object.freeze([
	{
		id: 'c-1001',
		email: 'maria.garcia@example.com',
		firstName: 'María',
		lastName: 'García',
		phone: '+34 612 345 678',
		country: 'ES',
	},
	{
		id: 'c-1002',
		email: 'tomas.novak@example.com',
		firstName: 'Tomáš',
		lastName: 'Novák',
		phone: '777 123 456',
		country: 'CZ',
	},
	{ id: 'c-1003', email: 'returning.customer@example.com', firstName: 'Rita', country: 'GB' },
	{ id: 'c-1004', email: 'blocked@example.com', firstName: 'Bert', country: 'DE' },
	{ id: 'c-1005', email: 'pending.signup@example.com', firstName: 'Petra', country: 'CZ' },
	{ id: 'c-1006', email: 'lee.at.example.com', firstName: 'Lee', country: 'US' },
]);

module.exports = { DEMO_CRM_CONTACTS };
