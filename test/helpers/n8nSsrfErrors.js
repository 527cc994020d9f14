// @ts-check
'use strict';

// The errors n8n's SSRF protection fails a request with, as the n8n-core this package is tested
// with (2.41) throws them. They come from @n8n/backend-network, a dependency of n8n-core and not of
// this package, so it is loaded from where n8n-core finds it: the very copy n8n-core uses. axios
// likewise (n8n wraps an error raised as the connection opens in an AxiosError).

const path = require('node:path');

const n8nCoreDir = path.dirname(require.resolve('n8n-core'));
/** @param {string} id */
const fromN8nCore = (id) => require(require.resolve(id, { paths: [n8nCoreDir] }));

const network = fromN8nCore('@n8n/backend-network');
const axios = fromN8nCore('axios');

/** @type {new (ip: string, hostname?: string) => Error & { ip: string; hostname?: string }} */
const SsrfBlockedIpError = network.SsrfBlockedIpError;
/** @type {new (hostname: string) => Error & { hostname: string }} */
const SsrfBlockedHostnameError = network.SsrfBlockedHostnameError;
/** @type {{ from(error: Error, code?: string | null, config?: object): Error }} */
const AxiosError = axios.AxiosError;

module.exports = { SsrfBlockedIpError, SsrfBlockedHostnameError, AxiosError };
