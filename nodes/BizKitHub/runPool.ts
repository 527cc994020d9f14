/** Decides when a job may start (see StartPacer); the function it gives is called at the job's end. */
export interface Pacer {
	start(): Promise<() => void>;
}

export interface PoolControl {
	/** Asked before each new job starts; once it says yes, no further job starts. */
	shouldStop?: () => boolean;
	/** Spaces the starts of jobs out (and learns from how long they take). */
	pacer?: Pacer;
}

/**
 * Runs `task` for each of `count` jobs with at most `limit` in flight at once. A pipeline, not
 * batches: a job starts as soon as any other finishes (and, with a pacer, its turn has come).
 * Results come back in job order.
 */
export async function runPool<T>(
	count: number,
	limit: number,
	task: (job: number) => Promise<T>,
	{ shouldStop = () => false, pacer }: PoolControl = {},
): Promise<Array<T | undefined>> {
	const results: Array<T | undefined> = new Array(count).fill(undefined);
	let next = 0;
	async function worker(): Promise<void> {
		while (next < count && !shouldStop()) {
			const finished = await pacer?.start();
			if (next >= count || shouldStop()) return;
			const job = next++;
			results[job] = await task(job);
			finished?.();
		}
	}
	const workers = Math.max(1, Math.min(Math.floor(limit) || 1, count));
	await Promise.all(Array.from({ length: workers }, worker));
	return results;
}
