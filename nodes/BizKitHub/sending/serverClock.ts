/**
 * Where the server's clock stands against the node's monotonic clock, learnt from the Date
 * header of its answers: X-RateLimit-Reset is a time on the server's clock, and the node's own
 * wall clock may be off by any amount or step while n8n runs (NTP, a resumed VM).
 *
 * A Date of D (whole seconds, rounded down) on an answer to a request sent at `sentAt` and answered
 * at `answeredAt` says the server's clock minus the node's was between D - answeredAt and
 * D + 1 s - sentAt. Each answer narrows that range, down to about a round trip once the answers
 * have caught the server's second turning over; so a reset in whole seconds is placed to within a
 * round trip, not a second. Two fields, whatever the number of answers.
 */
export class ServerClock {
	private low = Number.NEGATIVE_INFINITY;

	private high = Number.POSITIVE_INFINITY;

	observe(dateMs: number, sentAt: number, answeredAt: number): void {
		const low = dateMs - answeredAt;
		const high = dateMs + 1000 - sentAt;
		// A range that no longer meets the new one: the server's clock was set; start again.
		if (low > this.high || high < this.low) {
			this.low = low;
			this.high = high;
			return;
		}
		this.low = Math.max(this.low, low);
		this.high = Math.min(this.high, high);
	}

	/** The server's clock at the node's monotonic `now`; `wallNow` until an answer had a Date. */
	serverTime(now: number, wallNow: number): number {
		return Number.isFinite(this.high) ? now + (this.low + this.high) / 2 : wallNow;
	}
}
