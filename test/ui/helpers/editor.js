// @ts-check
'use strict';

// What a person does in n8n's editor, for the browser tests: sign in, find things by the
// data-test-id attributes n8n's own tests use, and keep screenshots for the README.

const fs = require('node:fs');
const path = require('node:path');

const DOCS = path.resolve(__dirname, '..', '..', '..', 'docs');

/**
 * Signs in through the sign-in page, as a person does (n8n ties its session to the browser).
 * @param {import('playwright-core').Page} page
 * @param {string} url
 * @param {{ email: string, password: string }} owner
 */
async function signIn(page, url, owner) {
	await page.goto(`${url}/signin`);
	await page.getByTestId('emailOrLdapLoginId').locator('input').fill(owner.email);
	await page.getByTestId('password').locator('input').fill(owner.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((address) => !address.pathname.includes('signin'));
}

/**
 * Saves a screenshot of the page as docs/<name>.png and returns its path.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
async function screenshot(page, name) {
	fs.mkdirSync(DOCS, { recursive: true });
	const file = path.join(DOCS, `${name}.png`);
	await page.screenshot({ path: file });
	return file;
}

/**
 * The option of the open dropdown whose text contains `text`.
 * @param {import('playwright-core').Page} page
 * @param {string} text
 */
function dropdownOption(page, text) {
	return page
		.locator('[role="option"]:visible, .el-select-dropdown__item:visible')
		.filter({ hasText: text });
}

module.exports = { signIn, screenshot, dropdownOption };
