import type { ValidationIssue } from './issues';

/**
 * Remembers the addresses of the items of this run, so that a later item with the same address
 * (ignoring case) is refused with an issue that names the earlier item. An item that will be sent
 * is compared with the items that will be sent; a Validate Only item, which shows what would
 * happen, with every item before it. So an item checked with Validate Only never keeps a later
 * item from being sent.
 */
export class DuplicateAddressGuard {
	private readonly firstSentByAddress = new Map<string, number>();

	private readonly firstCheckedByAddress = new Map<string, number>();

	/** The issue for an item whose address an earlier item of this run already uses, if any. */
	check(email: string, { sends }: { sends: boolean }): ValidationIssue | undefined {
		const key = email.toLowerCase();
		const sent = this.firstSentByAddress.get(key);
		const checked = sends ? undefined : this.firstCheckedByAddress.get(key);
		const earlier = Math.min(sent ?? Infinity, checked ?? Infinity);
		if (earlier === Infinity) return undefined;
		return { field: 'email', message: `is the same address as item ${earlier} of this run` };
	}

	remember(email: string, itemIndex: number, { sends }: { sends: boolean }): void {
		const byAddress = sends ? this.firstSentByAddress : this.firstCheckedByAddress;
		const key = email.toLowerCase();
		if (!byAddress.has(key)) byAddress.set(key, itemIndex);
	}
}
