/**
 * Tells from the quota the API reports whether it comes back a little at a time (a token bucket)
 * or all at once at its reset (a fixed window). A fixed window's quota left only grows when the
 * window ends, at its reset; a bucket's grows between answers, long before the reset it reports
 * (the time it will be full again). The node then need not wait for a bucket's reset whenever
 * the quota shows 0, which it does all the time when other n8n processes share the key.
 */
export class RefillWatch {
	private last?: { remaining: number; answeredAt: number; resetAtMs: number };

	private seen = false;

	/** Whether the quota was seen growing before the reset the API had reported. */
	get refillsGradually(): boolean {
		return this.seen;
	}

	/**
	 * An answer came at `now` to a request sent at `sentAt`, saying `remaining` left and the quota
	 * whole again at `resetAtMs`. Only a request sent after the last answer came tells of a later
	 * moment at the API (answers to requests sent together may arrive in any order).
	 */
	observe(sentAt: number, now: number, remaining?: number, resetAtMs?: number): void {
		if (remaining === undefined || resetAtMs === undefined) return;
		const last = this.last;
		if (last && sentAt >= last.answeredAt && remaining > last.remaining && now < last.resetAtMs)
			this.seen = true;
		this.last = { remaining, answeredAt: now, resetAtMs };
	}
}
