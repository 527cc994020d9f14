import { DuplicateAddressGuard } from '../../../../../nodes/BizKitHub/validation/duplicates';

describe('duplicate addresses in one run', () => {
	test('a later item with the same address, in any case, is refused naming the earlier item', () => {
		const guard = new DuplicateAddressGuard();
		expect(guard.check('jane@example.com')).toBeUndefined();
		guard.remember('jane@example.com', 3);
		expect(guard.check('JANE@example.com')).toEqual({
			field: 'email',
			message: 'is the same address as item 3 of this run',
		});
		guard.remember('Jane@example.com', 7);
		expect(guard.check('jane@EXAMPLE.com')?.message).toMatch(/item 3/);
		expect(guard.check('john@example.com')).toBeUndefined();
	});
});
