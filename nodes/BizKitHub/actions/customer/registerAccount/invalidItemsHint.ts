import type { NodeExecutionHint } from 'n8n-workflow';

import type { ValidationIssue } from '../../../validation/issues';

/** How many fields the hint names at most. */
const FIELDS_NAMED = 3;

/**
 * The hint n8n shows above the output after a run that put items on Invalid: how many, and the
 * fields that failed most, so the user sees it without opening the outputs. None when no item
 * was invalid.
 */
export function invalidItemsHint(
	invalidIssues: ValidationIssue[][],
	itemCount: number,
): NodeExecutionHint | undefined {
	if (invalidIssues.length === 0) return undefined;
	const itemsByField = new Map<string, number>();
	for (const issues of invalidIssues) {
		for (const field of new Set(issues.map((issue) => issue.field))) {
			itemsByField.set(field, (itemsByField.get(field) ?? 0) + 1);
		}
	}
	const fields = [...itemsByField]
		.sort((a, b) => b[1] - a[1])
		.slice(0, FIELDS_NAMED)
		.map(([field, count]) => `${field} (${count})`);
	const items = itemCount === 1 ? 'item' : 'items';
	return {
		message: `${invalidIssues.length} of ${itemCount} ${items} failed validation and went to the Invalid output, unsent. Fields that failed most: ${fields.join(', ')}.`,
		type: 'warning',
		location: 'outputPane',
	};
}
