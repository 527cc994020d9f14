import * as customer from './customer/customer.resource';
import type { Operation, Operations } from './operation';

/** Every resource's operations, by the value saved in workflows as `resource`. */
export const RESOURCES: Record<string, Operations> = { customer: customer.operations };

/** The operation saved as `resource` and `operation`, if the node has it. */
export function findOperation(resource: unknown, operation: unknown): Operation | undefined {
	const operations = Object.prototype.hasOwnProperty.call(RESOURCES, String(resource))
		? RESOURCES[String(resource)]
		: undefined;
	if (!operations || !Object.prototype.hasOwnProperty.call(operations, String(operation))) {
		return undefined;
	}
	return operations[String(operation)];
}
