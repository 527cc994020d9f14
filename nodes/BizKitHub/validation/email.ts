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
 * case and in ASCII (an international domain as punycode). Undefined when it is not a valid address.
 */
export function normalizeEmail(given: string): string | undefined {
	const at = given.lastIndexOf('@');
	if (at <= 0 || at > 64) return undefined;
	const local = given.slice(0, at);
	const domain = asciiDomain(given.slice(at + 1));
	if (!LOCAL_PART.test(local) || domain === undefined) return undefined;
	return `${local}@${domain}`;
}
