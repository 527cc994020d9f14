import {
	NEEDS_NEWER_N8N,
	loadValidator,
} from '../../../../../nodes/BizKitHub/validation/loadValidator';

const node = {
	id: 'bizkithub',
	name: 'BizKitHub',
	type: 'n8n-nodes-bizkithub.bizKitHub',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: {},
};

test('loads the validator', async () => {
	const validate = await loadValidator(node);
	expect(validate({ email: 'a@example.com', password: 'x' }, { defaultPhoneCountry: '' })).toEqual({
		valid: true,
		body: { email: 'a@example.com', password: 'x' },
	});
});

test('on an n8n without zod/v4 (before 1.100), says which n8n the node needs', async () => {
	const missing = Object.assign(new Error("Cannot find module 'zod/v4'\nRequire stack: ..."), {
		code: 'MODULE_NOT_FOUND',
	});
	await expect(loadValidator(node, async () => await Promise.reject(missing))).rejects.toThrow(
		NEEDS_NEWER_N8N,
	);
	expect(NEEDS_NEWER_N8N).toMatch(/^BizKitHub needs n8n 1\.100 or later/);
});

test('any other failure to load is not mistaken for an old n8n', async () => {
	const other = Object.assign(new Error("Cannot find module './countries'"), {
		code: 'MODULE_NOT_FOUND',
	});
	await expect(loadValidator(node, async () => await Promise.reject(other))).rejects.toThrow(
		"Cannot find module './countries'",
	);
});
