/**
 * A request n8n's SSRF protection (N8N_SSRF_PROTECTION_ENABLED, n8n 2.x) blocks: the node says so,
 * not that BizKitHub could not be reached, whatever shape n8n's error takes on the way.
 */
import type { ICredentialsDecrypted, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { SSRF_BLOCKED, apiRequest } from '../../../../../nodes/BizKitHub/transport/apiRequest';
import { SANDBOX_KEYS } from '../../../../../sandbox/keys';
import {
	AxiosError,
	SsrfBlockedHostnameError,
	SsrfBlockedIpError,
} from '../../../../helpers/n8nSsrfErrors';

const API_KEY = SANDBOX_KEYS.dev;
const PASSWORD = 'secret-pw-1';
const node: INode = {
	id: 'bizkithub',
	name: 'BizKitHub',
	type: 'n8n-nodes-bizkithub.bizKitHub',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const credentials: ICredentialsDecrypted = {
	id: 'c',
	name: 'BizKitHub',
	type: 'bizKitHubApi',
	data: { apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9' },
};

/** apiRequest with n8n's request helper failing as n8n fails it. */
async function attemptFailingWith(error: unknown, baseUrl = 'http://127.0.0.1:9') {
	let calls = 0;
	const context = {
		helpers: {
			httpRequestWithAuthentication: async () => {
				calls++;
				throw error;
			},
		},
	} as unknown as IExecuteFunctions;
	const { outcome } = await apiRequest(
		context,
		{ path: '/api/v1/customer/register', body: { email: 'a@example.com', password: PASSWORD } },
		{ baseUrl, credentials, timeout: 5000, secrets: [API_KEY, PASSWORD] },
	);
	expect(calls).toBe(1);
	return outcome;
}

// How n8n-core 2.41's httpRequestWithAuthentication rejects: the SSRF error, found before any
// connection, wrapped in a NodeApiError (whose cause it is); or, found as the connection opens
// (DNS answering otherwise the second time), first wrapped by axios in an AxiosError.
const wrapped = (error: Error) => new NodeApiError(node, error as never);
const atConnect = (error: Error) => wrapped(AxiosError.from(error, null, {}));

describe("a request n8n's SSRF protection blocks", () => {
	test.each([
		[
			'an address in a blocked range, before connecting',
			wrapped(new SsrfBlockedIpError('127.0.0.1')),
		],
		['the same, as the connection opens', atConnect(new SsrfBlockedIpError('127.0.0.1'))],
		['the bare error', new SsrfBlockedIpError('127.0.0.1')],
	])('%s: says so and names the address', async (_, error) => {
		const outcome = await attemptFailingWith(error);
		expect(outcome).toEqual({
			kind: 'failed',
			cause: SSRF_BLOCKED,
			message:
				"n8n's SSRF protection blocked the request to http://127.0.0.1:9/api/v1/customer/register (the address 127.0.0.1 is in a blocked range), so nothing was sent",
		});
	});

	test('a host name that resolves into a blocked range: the address it resolved to is named', async () => {
		const outcome = await attemptFailingWith(
			wrapped(new SsrfBlockedIpError('10.1.2.3', 'bizkithub.internal')),
			'https://bizkithub.internal',
		);
		expect(outcome).toMatchObject({
			cause: SSRF_BLOCKED,
			message:
				"n8n's SSRF protection blocked the request to https://bizkithub.internal/api/v1/customer/register (the address 10.1.2.3 is in a blocked range), so nothing was sent",
		});
	});

	test.each([
		['before connecting', wrapped(new SsrfBlockedHostnameError('bizkithub.internal'))],
		['as the connection opens', atConnect(new SsrfBlockedHostnameError('bizkithub.internal'))],
	])('a host name on the blocked list (%s)', async (_, error) => {
		const outcome = await attemptFailingWith(error, 'https://bizkithub.internal');
		expect(outcome).toMatchObject({
			cause: SSRF_BLOCKED,
			message:
				"n8n's SSRF protection blocked the request to https://bizkithub.internal/api/v1/customer/register (its host name is on the list of blocked host names), so nothing was sent",
		});
	});

	test('an IPv6 address is named too', async () => {
		const outcome = await attemptFailingWith(
			wrapped(new SsrfBlockedIpError('::1')),
			'http://[::1]:9',
		);
		expect(outcome.kind === 'failed' && outcome.message).toContain(
			'(the address ::1 is in a blocked range)',
		);
	});

	test('an "address" that is not one is left out of the message', async () => {
		const error = Object.assign(new Error('blocked'), {
			name: 'SsrfBlockedIpError',
			ip: `127.0.0.1 ${API_KEY}`,
		});
		const outcome = await attemptFailingWith(wrapped(error));
		expect(outcome).toMatchObject({
			cause: SSRF_BLOCKED,
			message:
				"n8n's SSRF protection blocked the request to http://127.0.0.1:9/api/v1/customer/register, so nothing was sent",
		});
	});

	test('the Base URL is shown without user name, password or query string, and no secret shows', async () => {
		const outcome = await attemptFailingWith(
			wrapped(new SsrfBlockedIpError('127.0.0.1')),
			`http://user:${PASSWORD}@127.0.0.1:9/base?apiKey=${API_KEY}`,
		);
		const message = outcome.kind === 'failed' ? outcome.message : '';
		expect(message).toContain('http://127.0.0.1:9/base');
		expect(message).not.toContain(API_KEY);
		expect(message).not.toContain(PASSWORD);
		expect(message).not.toContain('user');
		expect(message).not.toContain('?');
	});
});

describe('other failures are told apart from an SSRF block', () => {
	test('a refused connection is still one', async () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
			code: 'ECONNREFUSED',
		});
		const outcome = await attemptFailingWith(wrapped(refused));
		expect(outcome).toMatchObject({
			cause: 'ECONNREFUSED',
			message:
				'BizKitHub could not be reached at http://127.0.0.1:9/api/v1/customer/register: the connection was refused',
		});
	});

	test('an error that only mentions SSRF in its words is not taken for one', async () => {
		const outcome = await attemptFailingWith(
			wrapped(new Error('SsrfBlockedIpError: IP address is blocked')),
		);
		expect(outcome).toMatchObject({ cause: 'UNKNOWN' });
	});
});
