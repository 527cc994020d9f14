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

/**
 * The rate-limit gate of one credential and host, shared by every execution of this n8n process
 * that sends with them: executions running at once queue at one gate instead of each spending the
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
