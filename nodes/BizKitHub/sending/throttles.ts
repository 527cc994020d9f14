import { createHash } from 'node:crypto';

import { systemClock, type Clock } from './clock';
import { Throttle } from './throttle';

/**
 * How long a throttle no execution uses is kept: what it knows of the limit (a block, the pace)
 * holds for the next execution, say the next sign-up a webhook brings.
 */
const KEPT_IDLE_MS = 10 * 60 * 1000;

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
 * What identifies a throttle: the host and the API key, whose rate limit it is. Two credentials
 * with the same key share the key's limit, so they share a throttle; a key changed in its
 * credential (or rotated by an external-secrets vault) starts one of its own, free of the old
 * key's blocks and pace. The key is kept only as a SHA-256 digest, so that no memory dump shows it.
 */
export function throttleKeyOf(baseUrl: string, apiKey: string): string {
	const digest = createHash('sha256').update(apiKey).digest('hex');
	return `${normalizedBaseUrl(baseUrl)}|${digest}`;
}

/**
 * The throttles of one n8n process, one per key and host, shared by every execution that sends
 * with them: executions at once queue at one throttle instead of each spending the same key's
 * quota as if it were alone. Across n8n processes (queue mode's workers) the API's answers are
 * what they share. Throttles idle for KEPT_IDLE_MS are dropped, so the map holds only the keys
 * in use lately. The simulator makes one registry per simulated n8n process.
 */
export class ThrottleRegistry {
	private readonly entries = new Map<
		string,
		{ throttle: Throttle; users: number; idleSince: number }
	>();

	constructor(private readonly clock: Clock = systemClock) {}

	/** The throttle for `key` (from throttleKeyOf); `release()` when the execution is done with it. */
	share(key: string): { throttle: Throttle; release: () => void } {
		const now = this.clock.now();
		for (const [other, entry] of this.entries) {
			if (entry.users === 0 && now - entry.idleSince > KEPT_IDLE_MS) this.entries.delete(other);
		}
		let entry = this.entries.get(key);
		if (!entry) {
			entry = { throttle: new Throttle(this.clock), users: 0, idleSince: now };
			this.entries.set(key, entry);
		}
		const shared = entry;
		shared.users += 1;
		let released = false;
		return {
			throttle: shared.throttle,
			release: () => {
				if (released) return;
				released = true;
				shared.users -= 1;
				if (shared.users === 0) shared.idleSince = this.clock.now();
			},
		};
	}

	/** How many throttles are kept. */
	get size(): number {
		return this.entries.size;
	}
}

/** The registry of this n8n process. */
export const throttles = new ThrottleRegistry();
