const TRUE_WORDS = new Set(['true', 'yes', '1']);
const FALSE_WORDS = new Set(['false', 'no', '0']);

/** How a yes/no value may be written: a boolean, or one of these words or numbers. */
export const BOOLEAN_WORDS_HINT = 'true or false (or yes/no, 1/0)';

/**
 * Reads a yes/no value the way spreadsheets, forms and expressions give it: a boolean, the words
 * true/false/yes/no in any case, or 1/0 as a number or text. Anything else is undefined: the
 * caller decides what a value that is not a boolean means (never a silent yes or no).
 */
export function parseBooleanWord(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const word = String(value).trim().toLowerCase();
	if (TRUE_WORDS.has(word)) return true;
	if (FALSE_WORDS.has(word)) return false;
	return undefined;
}
