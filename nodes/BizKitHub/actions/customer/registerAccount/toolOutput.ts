import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ApiErrorCode } from '../../../api/contract';
import { INVALID_OUTPUT, SUCCESS_OUTPUT, type RoutedItem } from './outputs';

/**
 * Whether the node runs as "BizKitHub Tool", the variant n8n makes of it for AI agents. An agent
 * reads only a tool's first output, so there every item goes to output 0 and says what happened.
 */
export function isToolMode(context: IExecuteFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}

/** What each documented refusal means, in words a model can pass on. */
const REFUSALS: Record<ApiErrorCode, { outcome: string; meaning: string }> = {
	E001: {
		outcome: 'register_failed',
		meaning: 'BizKitHub could not register the account (E001). Trying again later may work.',
	},
	E002: {
		outcome: 'already_registered',
		meaning:
			'This e-mail address already has a confirmed account (E002): the customer should sign in or reset the password.',
	},
	E003: {
		outcome: 'banned',
		meaning: 'The merchant has banned this contact (E003): do not register it again or contact it.',
	},
	E004: {
		outcome: 'too_many_attempts',
		meaning:
			'A registration for this address is already pending (E004): the customer should confirm the e-mail already sent; a new attempt is accepted ten minutes after the last one.',
	},
};

function toolJson(output: number, json: IDataObject): IDataObject {
	if ('error' in json) return json;
	if (output === INVALID_OUTPUT) return { outcome: 'invalid', ...json };
	if (output === SUCCESS_OUTPUT) {
		const email = String(json.email);
		return json.validateOnly
			? {
					outcome: 'validated',
					...json,
					errorCode: null,
					message: `${email} is valid and was not sent: Validate Only is on.`,
				}
			: {
					outcome: 'registered',
					...json,
					errorCode: null,
					message: `Registered ${email}. BizKitHub has sent a confirmation e-mail to this address.`,
				};
	}
	const refusal = REFUSALS[json.errorCode as ApiErrorCode];
	const said = typeof json.message === 'string' && json.message !== '' ? json.message : undefined;
	return {
		outcome: refusal.outcome,
		...json,
		message: said ? `${refusal.meaning} BizKitHub said: ${said}` : refusal.meaning,
	};
}

/** Every item on one output, in input order, with an `outcome` and a `message` a model can use. */
export function toToolOutput(routed: RoutedItem[]): INodeExecutionData[][] {
	return [routed.map(({ output, item }) => ({ ...item, json: toolJson(output, item.json) }))];
}
