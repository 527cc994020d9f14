import { invalidItemsHint } from '../../../../../../../nodes/BizKitHub/actions/customer/registerAccount/invalidItemsHint';
import { autoMapParameters } from '../../../../../../helpers/parameters';
import { runWorkflow } from '../../../../../../helpers/runWorkflow';

test('no hint when no item was invalid', () => {
	expect(invalidItemsHint([], 5)).toBeUndefined();
});

test('says how many items were invalid and the fields that failed most, each item counted once per field', () => {
	const hint = invalidItemsHint(
		[
			[
				{ field: 'email', message: 'is required' },
				{ field: 'phone', message: 'x' },
			],
			[{ field: 'phone', message: 'y' }],
			[
				{ field: 'phone', message: 'z' },
				{ field: 'country', message: 'w' },
			],
			[
				{ field: 'groups', message: 'v' },
				{ field: 'groups', message: 'u' },
			],
		],
		10,
	);
	expect(hint).toEqual({
		message:
			'4 of 10 items failed validation and went to the Invalid output, unsent. Fields that failed most: phone (3), email (1), country (1).',
		type: 'warning',
		location: 'outputPane',
	});
});

test('n8n shows it with the run', async () => {
	const result = await runWorkflow({
		items: [
			{ email: 'ok@example.com', password: 'pw' },
			{ email: 'broken', password: 'pw' },
		],
		parameters: autoMapParameters({ validateOnly: true }),
	});
	expect(result.run.data.resultData.runData.BizKitHub[0].hints).toEqual([
		expect.objectContaining({
			message:
				'1 of 2 items failed validation and went to the Invalid output, unsent. Fields that failed most: email (1).',
		}),
	]);
});
