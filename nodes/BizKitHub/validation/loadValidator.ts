import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { validateCustomer } from './validateCustomer';

export type Validator = typeof validateCustomer;

/** The oldest n8n that gives community nodes `zod/v4` (zod 3.25), which validation is built on. */
export const OLDEST_N8N = '1.100';

export const NEEDS_NEWER_N8N = `BizKitHub needs n8n ${OLDEST_N8N} or later: this n8n does not provide zod/v4, which the node checks the items with. Update n8n to run it.`;

/** Whether an error says that `zod/v4` could not be found. */
function isZodV4Missing(error: unknown): boolean {
	const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
	return code === 'MODULE_NOT_FOUND' && typeof message === 'string' && message.includes('zod/v4');
}

const importValidator = async () => await import('./validateCustomer');

/** Kept once loaded: what this n8n provides does not change while it runs. */
let loaded: Validator | undefined;

/**
 * The item validator, loaded on first use rather than with the node: on an n8n older than 1.100
 * (zod 3.24, without `zod/v4`) the node then still loads, and a run says which n8n it needs
 * instead of the node silently missing from the editor. (`load` is for tests.)
 */
export async function loadValidator(
	node: INode,
	load: () => Promise<{ validateCustomer: Validator }> = importValidator,
): Promise<Validator> {
	if (loaded && load === importValidator) return loaded;
	try {
		const validator = (await load()).validateCustomer;
		if (load === importValidator) loaded = validator;
		return validator;
	} catch (error) {
		if (isZodV4Missing(error)) throw new NodeOperationError(node, NEEDS_NEWER_N8N);
		throw new NodeOperationError(node, error as Error);
	}
}
