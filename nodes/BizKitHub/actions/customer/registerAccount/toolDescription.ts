import type { INodeProperties } from 'n8n-workflow';

/**
 * What an AI agent is told about "BizKitHub Tool" set to Register Account, unless the user writes
 * their own: what it does, what it needs, that it e-mails the customer, and how to read its answer.
 */
export const TOOL_DESCRIPTION =
	'Registers one customer account in BizKitHub (an online shop platform) and reports the outcome. ' +
	'Required: the customer\'s e-mail address ("email") and a password ("password", at least 1 character). ' +
	'Other customer details (name, phone with its +calling code, company, address, ISO country code such as CZ, newsletter true/false) are optional. ' +
	'A successful registration sends the customer a confirmation e-mail, so register a customer only once and only when asked to. ' +
	'The answer has "outcome": registered, already_registered (the address has a confirmed account: the customer should sign in or reset the password), ' +
	'banned, too_many_attempts (a registration is pending: wait ten minutes), register_failed, or invalid ("issues" names each field to correct); ' +
	'"message" explains it.';

/** Shown only in the tool variant ("@tool"); n8n then adds no generic description of its own. */
export const toolDescriptionProperty: INodeProperties = {
	displayName: 'Tool Description',
	name: 'toolDescription',
	type: 'string',
	typeOptions: { rows: 6 },
	default: TOOL_DESCRIPTION,
	displayOptions: { show: { '@tool': [true] } },
	description:
		'What the AI agent is told about this tool; the default says what it needs and how to read its answer',
};
