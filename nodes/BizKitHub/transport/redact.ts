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

/** What to look for: the forms shorter than a piece whole, and every piece of the longer ones. */
interface Needles {
	short: string[];
	pieces: Set<string>;
}

function needlesOf(forms: string[]): Needles {
	const short: string[] = [];
	const pieces = new Set<string>();
	for (const form of forms) {
		if (form.length < SECRET_PIECE_LENGTH) short.push(form);
		for (let start = 0; start + SECRET_PIECE_LENGTH <= form.length; start++) {
			pieces.add(form.slice(start, start + SECRET_PIECE_LENGTH));
		}
	}
	return { short, pieces };
}

/**
 * Calls `found` with every place in `text` where a piece of a secret stands. One pass over the
 * text, each place looked up in the set of pieces: time grows with the text plus the secrets,
 * not with their product (a long password must not hold n8n's only thread).
 */
function eachPiece(text: string, pieces: Set<string>, found: (at: number) => void): void {
	if (pieces.size === 0) return;
	for (let at = 0; at + SECRET_PIECE_LENGTH <= text.length; at++) {
		if (pieces.has(text.slice(at, at + SECRET_PIECE_LENGTH))) found(at);
	}
}

/** Marks the secrets' forms in `text`: whole, and every piece of SECRET_PIECE_LENGTH characters. */
function markSecrets(text: string, needles: Needles, covered: boolean[]): void {
	for (const form of needles.short) markAll(text, form, covered);
	eachPiece(text, needles.pieces, (at) => covered.fill(true, at, at + SECRET_PIECE_LENGTH));
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
function stillShows(text: string, needles: Needles): boolean {
	const segments = text.split(REDACTED);
	if (needles.short.some((form) => segments.some((segment) => segment.includes(form)))) return true;
	let shows = false;
	eachPiece(text, needles.pieces, () => (shows = true));
	return shows;
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
	const needles = needlesOf(forms);
	const covered = new Array<boolean>(considered.length).fill(false);
	markSecrets(considered, needles, covered);
	let safe = '';
	for (let at = 0; at < considered.length; at++) {
		if (!covered[at]) safe += considered[at];
		else if (at === 0 || !covered[at - 1]) safe += REDACTED;
	}
	if (stillShows(safe, needles)) return REDACTED;
	return safe.length > maxLength || considered.length < flat.length
		? `${safe.slice(0, maxLength)}…`
		: safe;
}
