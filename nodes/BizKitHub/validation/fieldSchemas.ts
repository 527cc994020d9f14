import { z } from 'zod/v4';

import { BOOLEAN_WORDS_HINT, parseBooleanWord } from './booleanWords';
import { COUNTRY_CODES } from './countries';
import { normalizeEmail } from './email';
import { normalizePhone } from './phone';

/**
 * A number as a spreadsheet or CSV parser produces it, as its digits. An integer beyond 2^53 has
 * already lost digits by the time n8n holds it (a long ID read as a number): it is refused
 * rather than sent altered.
 */
function digitsOf(value: string | number, ctx: z.RefinementCtx): string | undefined {
	if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
		// (`continue: false`: the checks chained after this one do not run on what is not text.)
		ctx.addIssue({
			code: 'custom',
			continue: false,
			message:
				'is a number too large to be exact (its last digits are already lost): give it as text',
		});
		return undefined;
	}
	return String(value);
}

/** Text as n8n users give it: a string, or a number that a spreadsheet or CSV parser produced. */
const text = z
	.union([z.string(), z.number()], { error: 'must be text or a number' })
	.transform((value, ctx) => digitsOf(value, ctx)?.trim() ?? z.NEVER);

const email = text.transform((value, ctx) => {
	const result = normalizeEmail(value);
	if (result.ok) return result.value;
	ctx.addIssue({ code: 'custom', message: result.message });
	return z.NEVER;
});

/**
 * The longest password sent. No person or password manager makes a longer one (managers offer
 * up to about 100 characters); a longer one is a mistake or an attack through a sign-up form, and
 * would make every request large and the node's scrubbing of secrets from answers costly.
 */
export const MAX_PASSWORD_LENGTH = 1024;

const password = z
	.union([z.string(), z.number()], { error: 'must be text' })
	.transform((value, ctx) => digitsOf(value, ctx) ?? z.NEVER)
	.pipe(
		z
			.string()
			.min(1, { error: 'must not be empty' })
			.max(MAX_PASSWORD_LENGTH, {
				error: `must be at most ${MAX_PASSWORD_LENGTH} characters long`,
			}),
	);

const LOCALHOST_ALIASES = new Set(['::1', '0.0.0.0', 'localhost']);

const customerRealIp = text
	.transform((value) => (LOCALHOST_ALIASES.has(value.toLowerCase()) ? '127.0.0.1' : value))
	.pipe(z.union([z.ipv4(), z.ipv6()], { error: 'must be a valid IPv4 or IPv6 address' }));

const referralId = text.pipe(
	z.string().regex(/^[A-Za-z0-9]{16}$/, { error: 'must be exactly 16 letters or digits' }),
);

const country = text
	.transform((value) => value.toUpperCase())
	.refine((value) => COUNTRY_CODES.has(value), {
		error: 'must be an ISO 3166-1 alpha-2 country code such as CZ',
	});

const primaryLocale = text.transform((value, ctx) => {
	const tag = value.replace(/_/g, '-');
	let canonical: string | undefined;
	try {
		canonical = Intl.getCanonicalLocales(tag)[0];
	} catch {
		canonical = undefined;
	}
	// BCP 47 allows longer language subtags in theory; real ones have 2 or 3 letters.
	if (!canonical || !/^[a-z]{2,3}(-|$)/.test(canonical)) {
		ctx.addIssue({ code: 'custom', message: 'must be a BCP 47 language tag such as cs or cs-CZ' });
		return z.NEVER;
	}
	return canonical;
});

/**
 * The longest Return URL, in characters, both as given and as sent: 2,048, the length long held
 * safe for a URL on the web (the sitemap protocol takes URLs under 2,048 characters, old Internet
 * Explorer at most 2,083; Apache and nginx refuse request lines over about 8 KB). A page to send a
 * new customer back to is far shorter. The length as given is checked before the URL is parsed:
 * converting an international host to ASCII takes time that grows with the square of its length
 * (a host of 22,000 Chinese characters held n8n's only thread for about half a second), so only a
 * short one gets there.
 */
export const MAX_URL_LENGTH = 2048;

/** DNS's limits (RFC 1035) on a host name in ASCII: 253 characters, 63 between two dots. */
const MAX_HOST_LENGTH = 253;
const MAX_HOST_LABEL_LENGTH = 63;

function isDnsHost(host: string): boolean {
	return (
		host.length <= MAX_HOST_LENGTH &&
		host.split('.').every((label) => label.length <= MAX_HOST_LABEL_LENGTH)
	);
}

const returnUrl = text
	.pipe(
		z.string().max(MAX_URL_LENGTH, {
			error: `must be at most ${MAX_URL_LENGTH} characters long`,
			// (`abort`: a longer value is not parsed as a URL at all.)
			abort: true,
		}),
	)
	.pipe(
		z.url({
			protocol: /^https?$/,
			hostname: z.regexes.hostname,
			error: 'must be an absolute http or https URL',
			abort: true,
		}),
	)
	// The URL as zod parsed it: its host in ASCII (an international one as punycode), its other
	// characters %-encoded, as it is sent.
	.transform((href, ctx) => {
		if (!isDnsHost(new URL(href).hostname)) {
			ctx.addIssue({
				code: 'custom',
				message: `must have a host name of at most ${MAX_HOST_LENGTH} characters, at most ${MAX_HOST_LABEL_LENGTH} between two dots, in its ASCII form (xn--…)`,
			});
			return z.NEVER;
		}
		if (href.length > MAX_URL_LENGTH) {
			ctx.addIssue({
				code: 'custom',
				message: `must be at most ${MAX_URL_LENGTH} characters long as it is sent (its host in ASCII, other characters %-encoded); it has ${href.length}`,
			});
			return z.NEVER;
		}
		return href;
	});

const newsletter = z
	.union([z.boolean(), z.number(), z.string()], { error: 'must be true or false' })
	.transform((value, ctx) => {
		const parsed = parseBooleanWord(value);
		if (parsed !== undefined) return parsed;
		ctx.addIssue({ code: 'custom', message: `must be ${BOOLEAN_WORDS_HINT}` });
		return z.NEVER;
	});

const groups = z
	.union([z.array(z.union([z.string(), z.number()])), z.string()], {
		error: 'must be a list of texts or a comma-separated text',
	})
	.transform((value, ctx) => {
		const groups = Array.isArray(value)
			? value.map((group) => digitsOf(group, ctx))
			: value.split(',');
		if (groups.includes(undefined)) return z.NEVER;
		return groups.map((group) => group!.trim()).filter((group) => group !== '');
	});

function phone(defaultPhoneCountry: string) {
	return text.transform((value, ctx) => {
		const result = normalizePhone(value, defaultPhoneCountry);
		if (result.ok) return result.value;
		ctx.addIssue({ code: 'custom', message: result.message });
		return z.NEVER;
	});
}

export interface FieldSchemaOptions {
	defaultPhoneCountry: string;
}

/** The schema of every API body field, keyed by the API's field name. */
export function fieldSchemas({ defaultPhoneCountry }: FieldSchemaOptions) {
	return {
		email,
		password,
		name: text,
		firstName: text,
		lastName: text,
		phone: phone(defaultPhoneCountry),
		companyName: text,
		companyRegistrationNumber: text,
		taxIdentificationNumber: text,
		streetAddress: text,
		city: text,
		cityPart: text,
		stateRegion: text,
		postalCode: text,
		country,
		newsletter,
		primaryLocale,
		groups,
		customerRealIp,
		referralId,
		returnUrl,
	};
}
