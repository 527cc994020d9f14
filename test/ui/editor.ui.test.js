// @ts-check
'use strict';

// The node as people meet it: in n8n's editor, in Debian's Chromium driven by playwright-core,
// against a real `n8n start` with the package installed (what `npm run dev` starts) and the
// sandbox. Each step leaves a screenshot in docs/ for the README.

const { startDevServer } = require('../e2e/helpers/devServer');
const { API_FIELD_NAMES, OUTPUT_NAMES, REQUIRED_FIELD_NAMES } = require('../helpers/expectedNames');
const { launchBrowser } = require('./helpers/browser');
const { dropdownOption, screenshot, signIn } = require('./helpers/editor');

const FIELDS = API_FIELD_NAMES;
const REQUIRED = REQUIRED_FIELD_NAMES;

/** @type {Awaited<ReturnType<typeof startDevServer>>} */
let dev;
/** @type {import('playwright-core').Browser} */
let browser;
/** @type {import('playwright-core').Page} */
let page;

beforeAll(async () => {
	dev = await startDevServer();
	browser = await launchBrowser();
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	context.setDefaultTimeout(30000);
	page = await context.newPage();
	// Leaving a workflow with unsaved changes asks first: leave.
	page.on('dialog', (dialog) => void dialog.accept());
	await signIn(page, dev.url, dev.owner);
});

afterAll(async () => {
	await browser?.close();
	await dev?.stop();
});

/** The ids of the mapping form's fields on screen, in order. */
async function mappedFieldIds() {
	const container = page.getByTestId('resource-mapper-container');
	const ids = await container
		.locator('[data-test-id^="parameter-input-"]')
		.evaluateAll((inputs) =>
			inputs.map((input) =>
				String(input.getAttribute('data-test-id')).slice('parameter-input-'.length),
			),
		);
	return ids.filter((id) => FIELDS.includes(id));
}

test('a new workflow: BizKitHub comes with Register Account, the 21 fields (E-mail and Password required), both mapping modes', async () => {
	await page.goto(`${dev.url}/workflow/new`);
	await page.getByTestId('canvas-plus-button').click();
	await page.getByTestId('node-creator-search-bar').fill('BizKitHub');
	await page.getByTestId('node-creator').getByText('BizKitHub', { exact: true }).click();
	await page
		.getByTestId('node-creator')
		.getByText('Register a customer account', { exact: true })
		.click();

	const ndv = page.getByTestId('ndv');
	await ndv.waitFor();
	expect(await page.getByTestId('parameter-input-resource').locator('input').inputValue()).toBe(
		'Customer',
	);
	expect(await page.getByTestId('parameter-input-operation').locator('input').inputValue()).toBe(
		'Register Account',
	);
	await page.getByTestId('parameter-input-returnUrl').waitFor();
	expect(await mappedFieldIds()).toEqual(FIELDS);
	// Required fields cannot be removed from the mapping and are flagged while empty.
	for (const field of FIELDS) {
		const removable = await page.getByTestId(`remove-field-button-${field}`).count();
		expect([field, removable]).toEqual([field, REQUIRED.includes(field) ? 0 : 1]);
	}
	expect(
		await page.getByTestId('resource-mapper-container').getByTestId('parameter-issues').count(),
	).toBe(REQUIRED.length);

	await page.getByTestId('mapping-mode-select').click();
	await dropdownOption(page, 'Map Automatically').click();
	await page
		.getByTestId('resource-mapper-container')
		.getByText('named the same as the fields in BizKitHub')
		.waitFor();
	expect(await mappedFieldIds()).toEqual([]);

	await page.getByTestId('mapping-mode-select').click();
	await dropdownOption(page, 'Map Each Column Manually').click();
	await page.getByTestId('parameter-input-returnUrl').waitFor();
	expect(await mappedFieldIds()).toEqual(FIELDS);
	await screenshot(page, 'editor-node-panel');
});

test('the credential: a malformed key is refused with what a key looks like; the sandbox key tests successfully', async () => {
	await page.getByTestId('node-credentials-select').click();
	await page.getByTestId('node-credentials-select-item-new').click();
	const dialog = page.getByTestId('credential-edit-dialog');
	await dialog.waitFor();
	await dialog.getByTestId('parameter-input-apiKey').locator('input').fill('PROD-not-a-key');
	await dialog.getByTestId('parameter-input-baseUrl').locator('input').fill(dev.sandbox.url);
	await page.getByTestId('credential-save-button').click();
	await dialog.getByText('Couldn’t connect with these settings').waitFor();
	await dialog.getByText('More details').click();
	await dialog
		.getByText(
			/does not have the documented format: 32 characters, starting with PROD, DEV_ or ROOT/,
		)
		.waitFor();

	const pingsBefore = dev.sandbox.requests.filter(
		(request) => request.path === '/api/v1/ping/',
	).length;
	await dialog.getByTestId('parameter-input-apiKey').locator('input').fill(dev.sandbox.keys.dev);
	await page.getByTestId('credential-save-button').click();
	await page.getByText('Credential saved').waitFor();
	// n8n tests it against the sandbox when it is saved.
	const pings = () => dev.sandbox.requests.filter((request) => request.path === '/api/v1/ping/');
	for (let wait = 0; wait < 100 && pings().length === pingsBefore; wait++) {
		await page.waitForTimeout(100);
	}
	expect(pings().length).toBeGreaterThan(pingsBefore);
	expect(pings()[pings().length - 1].apiKey).toBe(dev.sandbox.keys.dev);

	await page.getByTestId('credential-edit-button').click();
	await page.getByTestId('credentials-config-container-test-success').waitFor();
	expect(await dialog.innerText()).toContain('Connection tested successfully');
	await screenshot(page, 'editor-credential');
	await page.keyboard.press('Escape');
});

test('the example workflow runs, and its items reach the six named outputs', async () => {
	await page.goto(`${dev.url}/workflow/bizkithubDemo01`);
	const bizKitHub = page.getByTestId('canvas-node').filter({ hasText: 'BizKitHub' }).first();
	await bizKitHub.waitFor();
	const outputs = await page
		.getByTestId('canvas-node-output-handle')
		.evaluateAll((handles) =>
			handles
				.filter(
					(handle) =>
						handle.closest('[data-node-name]')?.getAttribute('data-node-name') === 'BizKitHub',
				)
				.map((handle) => String(handle.textContent).trim()),
		);
	expect(outputs).toEqual(OUTPUT_NAMES);

	await page.getByTestId('execute-workflow-button').click();
	const itemsTo = async (/** @type {string} */ target) => {
		const label = page
			.locator(
				`[data-test-id="edge-label"][data-source-node-name="BizKitHub"][data-target-node-name="${target}"]`,
			)
			.filter({ hasText: /\d+ items?/ });
		await label.waitFor();
		return (await label.innerText()).trim();
	};
	expect({
		Success: await itemsTo('Registered'),
		E001: await itemsTo('Register failed (E001)'),
		E002: await itemsTo('Already registered (E002)'),
		E003: await itemsTo('Banned (E003)'),
		E004: await itemsTo('Try again later (E004)'),
		Invalid: await itemsTo('Fix these rows (Invalid)'),
	}).toEqual({
		Success: '4 items',
		E001: '1 item',
		E002: '1 item',
		E003: '1 item',
		E004: '1 item',
		Invalid: '3 items',
	});
	await screenshot(page, 'editor-canvas-after-run');
});
