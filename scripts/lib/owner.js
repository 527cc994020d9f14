// @ts-check
'use strict';

// The local owner account of a development n8n: created through n8n's own REST API on first
// start, so the editor and the checks of the tests can sign in. It exists only on this machine.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const BROWSER_ID = 'bizkithub-local';

/** The owner's e-mail and a random password, kept in the user folder so they stay the same. */
function localOwner(userFolder) {
	const file = path.join(userFolder, 'local-owner.json');
	if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
	const owner = {
		email: 'owner@bizkithub.localhost',
		firstName: 'Local',
		lastName: 'Developer',
		password: `Local-${crypto.randomBytes(9).toString('base64url')}1`,
	};
	fs.writeFileSync(file, `${JSON.stringify(owner, null, 2)}\n`, { mode: 0o600 });
	return owner;
}

/**
 * @param {string} baseUrl
 * @param {string} method
 * @param {string} pathname
 * @param {{ body?: unknown, cookie?: string }} [options]
 */
async function request(baseUrl, method, pathname, { body, cookie } = {}) {
	const response = await fetch(`${baseUrl}${pathname}`, {
		method,
		headers: {
			'Content-Type': 'application/json',
			'browser-id': BROWSER_ID,
			...(cookie ? { Cookie: cookie } : {}),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return {
		status: response.status,
		json,
		text,
		setCookie: response.headers.getSetCookie?.() ?? [],
	};
}

/** Signs in as the local owner (setting it up first if n8n has none) and returns the auth cookie. */
async function signIn(baseUrl, owner) {
	const settings = await request(baseUrl, 'GET', '/rest/settings');
	const needsSetup = settings.json?.data?.userManagement?.showSetupOnFirstLoad === true;
	const answer = needsSetup
		? await request(baseUrl, 'POST', '/rest/owner/setup', { body: owner })
		: await request(baseUrl, 'POST', '/rest/login', {
				body: { emailOrLdapLoginId: owner.email, password: owner.password },
			});
	const cookie = answer.setCookie
		.map((line) => line.split(';')[0])
		.find((pair) => pair.startsWith('n8n-auth='));
	if (answer.status !== 200 || !cookie) {
		throw new Error(`could not sign in to n8n as ${owner.email} (HTTP ${answer.status})`);
	}
	return cookie;
}

module.exports = { localOwner, request, signIn };
