import { createHash } from 'node:crypto';

import { RateLimitGate } from './rateLimitGate';

/**
 * How long a gate no execution uses is kept: what it learnt of the limit (the pace, a pause the
 * API asked for) holds for the next execution, say the next sign-up a webhook brings.
 */
const KEPT_IDLE_MS = 10 * 60 * 1000;

interface Entry {
	gate: RateLimitGate;
	users: number;
	idleSince: number;
}

const entries = new Map<string, Entry>();

/** The Base URL as one address: host in lower case, default port and trailing slashes left out. */
function normalizedBaseUrl(baseUrl: string): string {
	const trimmed = baseUrl.trim();
	try {
		const url = new URL(trimmed);
		return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
	} catch {
		return trimmed.replace(/\/+$/, '').toLowerCase();
	}
}

/**
 * What identifies a gate: the host and the API key, whose rate limit it is. Two credentials with
 * the same key share the key's limit, so they share a gate; a key changed in its credential (or
 * rotated by an external-secrets vault) starts a gate of its own, free of the old key's pauses and
 * pace. The key is kept only as a SHA-256 digest, so that no memory dump shows it.
 */
export function gateKeyOf(baseUrl: string, apiKey: string): string {
	const digest = createHash('sha256').update(apiKey).digest('hex');
	return `${normalizedBaseUrl(baseUrl)}|${digest}`;
}

/**
 * The rate-limit gate of one API key and host, shared by every execution of this n8n process
 * that sends with them (`key` from gateKeyOf): executions running at once queue at one gate instead of each spending the
 * same key's quota as if it were alone. Each execution keeps its own longest wait and its own
 * Stop (see `RateLimitGate.acquire`). Across n8n processes (queue mode's workers) the API's
 * answers are what they share. `release()` when the execution is done with it.
 */
export function shareGate(
	key: string,
	now: number = Date.now(),
): { gate: RateLimitGate; release: () => void } {
	for (const [other, entry] of entries) {
		if (entry.users === 0 && now - entry.idleSince > KEPT_IDLE_MS) entries.delete(other);
	}
	let entry = entries.get(key);
	if (!entry) {
		entry = { gate: new RateLimitGate(Number.POSITIVE_INFINITY), users: 0, idleSince: now };
		entries.set(key, entry);
	}
	const shared = entry;
	shared.users += 1;
	let released = false;
	return {
		gate: shared.gate,
		release: () => {
			if (released) return;
			released = true;
			shared.users -= 1;
			if (shared.users === 0) shared.idleSince = Date.now();
		},
	};
}
