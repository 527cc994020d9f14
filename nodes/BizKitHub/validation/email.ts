/**
 * The longest e-mail address, in characters. RFC 5321 limits a path to 256 characters with its
 * angle brackets, so an address has at most 254: a longer one is not one mail servers must take.
 */
export const MAX_EMAIL_LENGTH = 254;

/** The longest local part (what comes before the @) RFC 5321 allows. */
const MAX_LOCAL_PART_LENGTH = 64;

export type EmailResult = { ok: true; value: string } | { ok: false; message: string };

const INVALID: EmailResult = { ok: false, message: 'must be a valid e-mail address' };

/**
 * The local part zod's e-mail check accepts (letters, digits and _'+-. with no leading, trailing
 * or double dot): what mail systems and BizKitHub's own check take without question.
 */
const LOCAL_PART = /^(?!\.)(?!.*\.\.)[A-Za-z0-9_'+\-.]*[A-Za-z0-9_+-]$/;

/** A DNS label in ASCII: letters, digits and inner hyphens, at most 63 characters. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A top-level domain: letters, or an internationalized one in its ASCII form (xn--p1ai for .рф). */
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Characters that would make a URL parser read a domain as something else (a port, a path). */
const NOT_IN_A_DOMAIN = /[\s/\\?#@:[\]%]/;

/**
 * A domain in the ASCII form DNS and every mail server use: international names (bücher.de)
 * become their punycode (xn--bcher-kva.de), and everything is lower case. Undefined when it is
 * not a domain a mail server could have.
 */
function asciiDomain(domain: string): string | undefined {
	if (domain === '' || NOT_IN_A_DOMAIN.test(domain)) return undefined;
	let ascii: string;
	try {
		ascii = new URL(`http://${domain}`).hostname;
	} catch {
		return undefined;
	}
	const labels = ascii.split('.');
	if (ascii.length > 253 || labels.length < 2) return undefined;
	if (!labels.every((label) => LABEL.test(label))) return undefined;
	return TOP_LEVEL.test(labels[labels.length - 1]) ? ascii : undefined;
}

/**
 * An e-mail address as it is sent: trimmed, its local part kept as written, its domain in lower
 * case and in ASCII (an international domain as punycode). When it is not a valid address, the
 * message says why.
 */
export function normalizeEmail(given: string): EmailResult {
	// The length is checked first, on the address as given: converting an international domain to
	// ASCII takes time that grows with the square of its length (a domain of 22,000 Chinese
	// characters held n8n's only thread for about half a second), so only a short one gets there.
	if (given.length > MAX_EMAIL_LENGTH) {
		return { ok: false, message: `must be at most ${MAX_EMAIL_LENGTH} characters long` };
	}
	const at = given.lastIndexOf('@');
	if (at <= 0 || at > MAX_LOCAL_PART_LENGTH) return INVALID;
	const local = given.slice(0, at);
	const domain = asciiDomain(given.slice(at + 1));
	if (!LOCAL_PART.test(local) || domain === undefined) return INVALID;
	const address = `${local}@${domain}`;
	// An international domain is longer in ASCII (bücher.de is xn--bcher-kva.de), and that is the
	// form sent and the one mail servers measure.
	if (address.length > MAX_EMAIL_LENGTH) {
		return {
			ok: false,
			message: `must be at most ${MAX_EMAIL_LENGTH} characters long with its domain in ASCII form (xn--…), as it is sent; it has ${address.length}`,
		};
	}
	return { ok: true, value: address };
}
