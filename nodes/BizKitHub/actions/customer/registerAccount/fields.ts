import type { FieldType } from 'n8n-workflow';

import { REGISTER_ACCOUNT_FIELDS, type RegisterAccountField } from '../../../api/contract';

/** How the mapping form shows one body field of register-account. */
interface FieldLabel {
	/** The label, with a format hint where the value has a format. */
	displayName: string;
	type: FieldType;
	/** One line from the API reference. */
	description: string;
}

/** Every body field's label; a field the contract adds and this misses does not compile. */
const FIELD_LABELS: Record<RegisterAccountField, FieldLabel> = {
	email: {
		displayName: 'Email',
		type: 'string',
		description:
			"The shopper's e-mail address; unique per organisation. The confirmation e-mail goes here.",
	},
	password: {
		displayName: 'Password',
		type: 'string',
		description: 'The account password, at least 1 character; sent exactly as given.',
	},
	name: {
		displayName: 'Name',
		type: 'string',
		description: 'Full name.',
	},
	firstName: {
		displayName: 'First Name',
		type: 'string',
		description: 'First name.',
	},
	lastName: {
		displayName: 'Last Name',
		type: 'string',
		description: 'Last name.',
	},
	phone: {
		displayName: 'Phone (e.g. +420 777123456)',
		type: 'string',
		description: 'Phone number, sent as +<calling code> <number>, e.g. +420 777123456.',
	},
	companyName: {
		displayName: 'Company Name',
		type: 'string',
		description: 'Company name.',
	},
	companyRegistrationNumber: {
		displayName: 'Company Registration Number',
		type: 'string',
		description: 'Company registration number, e.g. 05103118.',
	},
	taxIdentificationNumber: {
		displayName: 'Tax Identification Number',
		type: 'string',
		description: 'Tax or VAT identification number, e.g. CZ9609040727.',
	},
	streetAddress: {
		displayName: 'Street Address',
		type: 'string',
		description: 'Street and house number.',
	},
	city: {
		displayName: 'City',
		type: 'string',
		description: 'City.',
	},
	cityPart: {
		displayName: 'City Part',
		type: 'string',
		description: 'District or part of the city.',
	},
	stateRegion: {
		displayName: 'State / Region',
		type: 'string',
		description: 'State or region.',
	},
	postalCode: {
		displayName: 'Postal Code',
		type: 'string',
		description: 'Postal code, e.g. 272 01.',
	},
	country: {
		displayName: 'Country (ISO code, e.g. CZ)',
		type: 'string',
		description: 'ISO 3166-1 alpha-2 country code, e.g. CZ.',
	},
	newsletter: {
		displayName: 'Newsletter',
		type: 'boolean',
		description: 'Whether the shopper subscribes to the newsletter (default false).',
	},
	primaryLocale: {
		displayName: 'Primary Locale (e.g. cs-CZ)',
		type: 'string',
		description: 'Preferred language as a BCP 47 tag, e.g. cs or cs-CZ.',
	},
	groups: {
		displayName: 'Groups (list or comma-separated)',
		type: 'array',
		description: 'Customer groups to put the shopper in: a list, or a comma-separated text.',
	},
	customerRealIp: {
		displayName: 'Customer Real IP (IPv4 or IPv6)',
		type: 'string',
		description: "The shopper's IPv4 or IPv6 address.",
	},
	referralId: {
		displayName: 'Referral ID (16 letters or digits)',
		type: 'string',
		description: 'A customer reference number (cuRefNo): exactly 16 letters or digits.',
	},
	returnUrl: {
		displayName: 'Return URL (http or https)',
		type: 'url',
		description: 'Where the confirmation link leads back to: an absolute http or https URL.',
	},
};

/** One body field as the mapping form lists it. */
export interface MappedField extends FieldLabel {
	id: RegisterAccountField;
	required: boolean;
}

/** The 21 body fields for the mapping form, in the order the API reference lists them. */
export const MAPPED_FIELDS: readonly MappedField[] = REGISTER_ACCOUNT_FIELDS.map((field) => ({
	id: field.id,
	required: field.required,
	...FIELD_LABELS[field.id],
}));
