/** A problem of one field of an item, as the Invalid output lists it. */
export interface ValidationIssue {
	field: string;
	message: string;
}

/** One line naming every field with a problem, e.g. `email must be ...; phone is too short ...`. */
export function describeIssues(issues: ValidationIssue[]): string {
	return issues.map((issue) => `${issue.field} ${issue.message}`).join('; ');
}
