import type { ValidationIssue } from './validateCustomer';

/**
 * Remembers the addresses of the items that will be sent in this run, so that a later item with
 * the same address (ignoring case) is refused with an issue that names the earlier item.
 */
export class DuplicateAddressGuard {
	private readonly firstItemByAddress = new Map<string, number>();

	/** The issue for an item whose address an earlier item of this run already uses, if any. */
	check(email: string): ValidationIssue | undefined {
		const earlier = this.firstItemByAddress.get(email.toLowerCase());
		if (earlier === undefined) return undefined;
		return { field: 'email', message: `is the same address as item ${earlier} of this run` };
	}

	remember(email: string, itemIndex: number): void {
		const key = email.toLowerCase();
		if (!this.firstItemByAddress.has(key)) this.firstItemByAddress.set(key, itemIndex);
	}
}
