const REDACTED = '[redacted]';

/** No piece of a secret this long, or longer, is ever shown. */
export const SECRET_PIECE_LENGTH = 6;

/** Anything shaped like an `apiKey` parameter, or like a key of BizKitHub's documented format. */
const KEY_PATTERNS = [
	/(?<=apiKey["']?\s*[=:]\s*["']?)[^&\s"',}]+/gi,
	/(PROD|DEV_|ROOT)[A-Za-z0-9]{28}/g,
];

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

function unicodeEscaped(json: string, upper: boolean): string {
	return json.replace(/[\u007f-\uffff]/g, (char) => {
		const hex = char.charCodeAt(0).toString(16).padStart(4, '0');
		return `\\u${upper ? hex.toUpperCase() : hex}`;
	});
}

/**
 * The ways a server may echo a secret back: as it is, JSON-escaped (with non-ASCII as \u escapes
 * or not, with `/` as `\/` as PHP writes it, or not), URL-encoded (spaces as %20 or +, hex in
 * either case), each also with its runs of whitespace collapsed as an excerpt shows them.
 */
export function echoedForms(secret: string): string[] {
	const json = JSON.stringify(secret).slice(1, -1);
	const jsonForms = [json, unicodeEscaped(json, false), unicodeEscaped(json, true)];
	const url = encodeURIComponent(secret);
	const forms = [
		secret,
		...jsonForms,
		...jsonForms.map((form) => form.replace(/\//g, '\\/')),
		url,
		url.replace(/%20/g, '+'),
		url.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
	];
	const collapsed = forms.map((form) => form.replace(/\s+/g, ' '));
	return [...new Set([...forms, ...collapsed, ...collapsed.map((form) => form.trim())])].filter(
		(form) => form !== '',
	);
}

/** Marks every place in `text` where `needle` stands. */
function markAll(text: string, needle: string, covered: boolean[]): void {
	for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
		covered.fill(true, at, at + needle.length);
	}
}

/** Marks the secrets' forms in `text`: whole, and every piece of SECRET_PIECE_LENGTH characters. */
function markSecrets(text: string, forms: string[], covered: boolean[]): void {
	for (const form of forms) {
		if (form.length < SECRET_PIECE_LENGTH) {
			markAll(text, form, covered);
			continue;
		}
		for (let start = 0; start + SECRET_PIECE_LENGTH <= form.length; start++) {
			markAll(text, form.slice(start, start + SECRET_PIECE_LENGTH), covered);
		}
	}
	for (const pattern of KEY_PATTERNS) {
		for (const match of text.matchAll(pattern)) {
			const at = match.index ?? 0;
			covered.fill(true, at, at + match[0].length);
		}
	}
}

/**
 * Whether some piece of a secret (or a whole short one) still stands in `text`: in the text
 * between the markers, or, for a piece, across one.
 */
function stillShows(text: string, forms: string[]): boolean {
	const segments = text.split(REDACTED);
	return forms.some((form) => {
		if (form.length < SECRET_PIECE_LENGTH)
			return segments.some((segment) => segment.includes(form));
		for (let start = 0; start + SECRET_PIECE_LENGTH <= form.length; start++) {
			if (text.includes(form.slice(start, start + SECRET_PIECE_LENGTH))) return true;
		}
		return false;
	});
}

/**
 * Makes text that a server sent safe to show: its whitespace collapsed, every form a secret may
 * be echoed in removed (see echoedForms), and no piece of SECRET_PIECE_LENGTH characters of any
 * secret left, so neither a secret cut at the excerpt's end nor a partial echo shows its start.
 * Then it is cut to `maxLength` characters, with an ellipsis. Only text from a server goes
 * through here, never the node's own words: a short password must not garble them.
 */
export function redactSecrets(
	text: string,
	secrets: ReadonlyArray<string | undefined>,
	maxLength = Number.POSITIVE_INFINITY,
): string {
	const forms = [...new Set(secrets.flatMap((secret) => (secret ? echoedForms(secret) : [])))];
	const longestForm = Math.max(0, ...forms.map((form) => form.length));
	const flat = collapse(text);
	// What lies beyond the limit plus the longest form cannot reach into what is shown.
	const considered = flat.slice(0, maxLength + longestForm + 40);
	const covered = new Array<boolean>(considered.length).fill(false);
	markSecrets(considered, forms, covered);
	let safe = '';
	for (let at = 0; at < considered.length; at++) {
		if (!covered[at]) safe += considered[at];
		else if (at === 0 || !covered[at - 1]) safe += REDACTED;
	}
	if (stillShows(safe, forms)) return REDACTED;
	return safe.length > maxLength || considered.length < flat.length
		? `${safe.slice(0, maxLength)}…`
		: safe;
}
