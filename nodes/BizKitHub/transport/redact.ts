const REDACTED = '[redacted]';

/**
 * Removes secrets from text that may end up in an error message: the given secret values wherever
 * they occur, and anything that looks like an `apiKey` parameter or a key of the documented format.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
	let result = text;
	for (const secret of secrets) {
		if (secret) result = result.split(secret).join(REDACTED);
	}
	return result
		.replace(/(apiKey["']?\s*[=:]\s*["']?)[^&\s"',}]+/gi, `$1${REDACTED}`)
		.replace(/\b(PROD|DEV_|ROOT)[A-Za-z0-9]{28}\b/g, REDACTED);
}
