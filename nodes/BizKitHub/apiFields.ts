import type { FieldType } from 'n8n-workflow';

/** One body field of POST /api/v1/customer/register-account, as the API reference describes it. */
export interface ApiField {
	id: string;
	/** The label in the mapping form, with a format hint where the value has a format. */
	displayName: string;
	type: FieldType;
	required: boolean;
	/** One line from the API reference. */
	description: string;
}

/** The 21 body fields, in the order the API reference lists them. Their ids are the API's names. */
export const API_FIELDS: readonly ApiField[] = [
	{
		id: 'email',
		displayName: 'Email',
		type: 'string',
		required: true,
		description:
			"The shopper's e-mail address; unique per organisation. The confirmation e-mail goes here.",
	},
	{
		id: 'password',
		displayName: 'Password',
		type: 'string',
		required: true,
		description: 'The account password, at least 1 character; sent exactly as given.',
	},
	{ id: 'name', displayName: 'Name', type: 'string', required: false, description: 'Full name.' },
	{
		id: 'firstName',
		displayName: 'First Name',
		type: 'string',
		required: false,
		description: 'First name.',
	},
	{
		id: 'lastName',
		displayName: 'Last Name',
		type: 'string',
		required: false,
		description: 'Last name.',
	},
	{
		id: 'phone',
		displayName: 'Phone (e.g. +420 777123456)',
		type: 'string',
		required: false,
		description: 'Phone number, sent as +<calling code> <number>, e.g. +420 777123456.',
	},
	{
		id: 'companyName',
		displayName: 'Company Name',
		type: 'string',
		required: false,
		description: 'Company name.',
	},
	{
		id: 'companyRegistrationNumber',
		displayName: 'Company Registration Number',
		type: 'string',
		required: false,
		description: 'Company registration number, e.g. 05103118.',
	},
	{
		id: 'taxIdentificationNumber',
		displayName: 'Tax Identification Number',
		type: 'string',
		required: false,
		description: 'Tax or VAT identification number, e.g. CZ9609040727.',
	},
	{
		id: 'streetAddress',
		displayName: 'Street Address',
		type: 'string',
		required: false,
		description: 'Street and house number.',
	},
	{ id: 'city', displayName: 'City', type: 'string', required: false, description: 'City.' },
	{
		id: 'cityPart',
		displayName: 'City Part',
		type: 'string',
		required: false,
		description: 'District or part of the city.',
	},
	{
		id: 'stateRegion',
		displayName: 'State / Region',
		type: 'string',
		required: false,
		description: 'State or region.',
	},
	{
		id: 'postalCode',
		displayName: 'Postal Code',
		type: 'string',
		required: false,
		description: 'Postal code, e.g. 272 01.',
	},
	{
		id: 'country',
		displayName: 'Country (ISO code, e.g. CZ)',
		type: 'string',
		required: false,
		description: 'ISO 3166-1 alpha-2 country code, e.g. CZ.',
	},
	{
		id: 'newsletter',
		displayName: 'Newsletter',
		type: 'boolean',
		required: false,
		description: 'Whether the shopper subscribes to the newsletter (default false).',
	},
	{
		id: 'primaryLocale',
		displayName: 'Primary Locale (e.g. cs-CZ)',
		type: 'string',
		required: false,
		description: 'Preferred language as a BCP 47 tag, e.g. cs or cs-CZ.',
	},
	{
		id: 'groups',
		displayName: 'Groups (list or comma-separated)',
		type: 'array',
		required: false,
		description: 'Customer groups to put the shopper in: a list, or a comma-separated text.',
	},
	{
		id: 'customerRealIp',
		displayName: 'Customer Real IP (IPv4 or IPv6)',
		type: 'string',
		required: false,
		description: "The shopper's IPv4 or IPv6 address.",
	},
	{
		id: 'referralId',
		displayName: 'Referral ID (16 letters or digits)',
		type: 'string',
		required: false,
		description: 'A customer reference number (cuRefNo): exactly 16 letters or digits.',
	},
	{
		id: 'returnUrl',
		displayName: 'Return URL (http or https)',
		type: 'url',
		required: false,
		description: 'Where the confirmation link leads back to: an absolute http or https URL.',
	},
];

export const API_FIELD_IDS: ReadonlySet<string> = new Set(API_FIELDS.map((field) => field.id));
