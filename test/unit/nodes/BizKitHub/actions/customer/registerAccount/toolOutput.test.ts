import type { IDataObject } from 'n8n-workflow';

import { E002, E003, INVALID, SUCCESS } from '../../../../../../helpers/outputs';
import { toToolOutput } from '../../../../../../../nodes/BizKitHub/actions/customer/registerAccount/toolOutput';

const item = (index: number, json: IDataObject) => ({
	json,
	pairedItem: { item: index },
});

test('one output, input order kept, each item saying its outcome; failures pass as they are', () => {
	const [output, ...others] = toToolOutput([
		{ output: SUCCESS, item: item(0, { success: true, email: 'a@example.com', attempts: 1 }) },
		{
			output: E003,
			item: item(1, { success: false, email: 'b@example.com', errorCode: 'E003', message: '' }),
		},
		{ output: SUCCESS, item: item(2, { error: 'Item 2: BizKitHub could not be reached' }) },
		{
			output: INVALID,
			item: item(3, { success: false, errorCode: 'INVALID_INPUT', message: 'Item 3 is invalid' }),
		},
	]);
	expect(others).toEqual([]);
	expect(output.map((each) => each.pairedItem)).toEqual(
		[0, 1, 2, 3].map((index) => ({ item: index })),
	);
	expect(output[0].json).toMatchObject({ outcome: 'registered', success: true, errorCode: null });
	expect(output[0].json.message).toBe(
		'Registered a@example.com. BizKitHub has sent a confirmation e-mail to this address.',
	);
	expect(output[1].json).toMatchObject({ outcome: 'banned', errorCode: 'E003' });
	expect(output[1].json.message).toMatch(/^The merchant has banned this contact \(E003\)/);
	expect(output[2].json).toEqual({ error: 'Item 2: BizKitHub could not be reached' });
	expect(output[3].json).toMatchObject({ outcome: 'invalid', message: 'Item 3 is invalid' });
});

test("BizKitHub's own words are kept after the explanation", () => {
	const [[refused]] = toToolOutput([
		{
			output: E002,
			item: item(0, { success: false, errorCode: 'E002', message: 'Customer already exists.' }),
		},
	]);
	expect(refused.json.outcome).toBe('already_registered');
	expect(refused.json.message).toMatch(/\(E002\).* BizKitHub said: Customer already exists\.$/);
});
