// @ts-check
'use strict';

/**
 * Customers the sandbox knows from the start when it serves the demo and `npm run dev`, so the
 * example workflows reach E002, E003 and E004 with ordinary-looking addresses.
 */
/** @type {ReadonlyArray<{ email: string, state: 'pending' | 'confirmed' | 'banned' }>} */
const DEMO_CUSTOMERS = Object.freeze([
	{ email: 'returning.customer@example.com', state: 'confirmed' },
	{ email: 'blocked@example.com', state: 'banned' },
	{ email: 'pending.signup@example.com', state: 'pending' },
]);

module.exports = { DEMO_CUSTOMERS };
