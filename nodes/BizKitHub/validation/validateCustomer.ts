import { z } from 'zod/v4';

import { REGISTER_ACCOUNT_FIELDS, type RegisterAccountBody } from '../api/contract';
import { callingCodeOf } from './countries';
import { fieldSchemas, type FieldSchemaOptions } from './fieldSchemas';
import type { ValidationIssue } from './issues';

export type ValidationResult =
	| { valid: true; body: RegisterAccountBody }
	| { valid: false; issues: ValidationIssue[] };

const REQUIRED_FIELDS: ReadonlySet<string> = new Set(
	REGISTER_ACCOUNT_FIELDS.filter((field) => field.required).map((field) => field.id),
);

function isEmpty(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value === 'string') return value.trim() === '';
	return Array.isArray(value) && value.length === 0;
}

/** Keeps the fields that carry a value; an empty required field is reported, an empty optional one dropped. */
function presentFields(record: Record<string, unknown>, issues: ValidationIssue[]) {
	const present: Record<string, unknown> = {};
	for (const field of REGISTER_ACCOUNT_FIELDS) {
		const value = record[field.id];
		// A password of spaces is a password: only a truly empty one is missing.
		const missing =
			field.id === 'password'
				? value === undefined || value === null || value === ''
				: isEmpty(value);
		if (!missing) present[field.id] = value;
		else if (REQUIRED_FIELDS.has(field.id))
			issues.push({ field: field.id, message: 'is required' });
	}
	return present;
}

function buildSchema(options: FieldSchemaOptions) {
	const schemas = fieldSchemas(options);
	const shape: Record<string, z.ZodType> = {};
	for (const [id, schema] of Object.entries(schemas)) {
		shape[id] = REQUIRED_FIELDS.has(id) ? schema : schema.optional();
	}
	return z.object(shape);
}

const schemaCache = new Map<string, ReturnType<typeof buildSchema>>();

/**
 * The schema for a Default Phone Country. It lives as long as n8n does, so only the values that
 * can recur (none, or a country code) are kept; any other text, which an expression may produce
 * item after item, gets a schema of its own that is not kept.
 */
function schemaFor(options: FieldSchemaOptions) {
	const key = options.defaultPhoneCountry;
	let schema = schemaCache.get(key);
	if (!schema) {
		schema = buildSchema(options);
		if (key === '' || callingCodeOf(key) !== undefined) schemaCache.set(key, schema);
	}
	return schema;
}

/**
 * Checks and normalizes one customer record (API field name to value) by the rules of each field
 * (fieldSchemas.ts), reporting every problem of the record, not only the first.
 */
export function validateCustomer(
	record: Record<string, unknown>,
	options: FieldSchemaOptions,
): ValidationResult {
	const issues: ValidationIssue[] = [];
	const present = presentFields(record, issues);
	const parsed = schemaFor(options).safeParse(present);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const field = String(issue.path[0] ?? '');
			// A required field reported missing above is not reported twice.
			if (issues.some((known) => known.field === field)) continue;
			issues.push({ field, message: issue.message });
		}
	}
	if (issues.length > 0 || !parsed.success) {
		return { valid: false, issues: sortByFieldOrder(issues) };
	}
	return { valid: true, body: parsed.data as RegisterAccountBody };
}

const FIELD_ORDER: ReadonlyMap<string, number> = new Map(
	REGISTER_ACCOUNT_FIELDS.map((field, index) => [field.id, index]),
);

function sortByFieldOrder(issues: ValidationIssue[]): ValidationIssue[] {
	return [...issues].sort(
		(a, b) => (FIELD_ORDER.get(a.field) ?? Infinity) - (FIELD_ORDER.get(b.field) ?? Infinity),
	);
}
