import { DuplicateAddressGuard } from '../../../../../nodes/BizKitHub/validation/duplicates';

const SENT = { sends: true };
const CHECKED = { sends: false };

describe('duplicate addresses in one run', () => {
	test('a later item with the same address, in any case, is refused naming the earlier item', () => {
		const guard = new DuplicateAddressGuard();
		expect(guard.check('jane@example.com', SENT)).toBeUndefined();
		guard.remember('jane@example.com', 3, SENT);
		expect(guard.check('JANE@example.com', SENT)).toEqual({
			field: 'email',
			message: 'is the same address as item 3 of this run',
		});
		guard.remember('Jane@example.com', 7, SENT);
		expect(guard.check('jane@EXAMPLE.com', SENT)?.message).toMatch(/item 3/);
		expect(guard.check('john@example.com', SENT)).toBeUndefined();
	});

	test('an item checked with Validate Only never keeps a later item from being sent', () => {
		const guard = new DuplicateAddressGuard();
		guard.remember('jane@example.com', 0, CHECKED);
		expect(guard.check('jane@example.com', SENT)).toBeUndefined();
	});

	test('a Validate Only item shows what would happen: a duplicate of any earlier item', () => {
		const guard = new DuplicateAddressGuard();
		guard.remember('jane@example.com', 2, CHECKED);
		expect(guard.check('jane@example.com', CHECKED)?.message).toMatch(/item 2/);
		guard.remember('john@example.com', 4, SENT);
		expect(guard.check('JOHN@example.com', CHECKED)?.message).toMatch(/item 4/);
	});
});
