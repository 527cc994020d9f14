/** Decides when a job may start (see StartPacer). */
export interface Pacer {
	start(): Promise<void>;
}

export interface PoolControl {
	/** Asked before each new job starts; once it says yes, no further job starts. */
	shouldStop?: () => boolean;
	/** Spaces the starts of jobs out. */
	pacer?: Pacer;
}

/**
 * Runs `task` for each of `count` jobs with at most `limit` in flight at once. A pipeline, not
 * batches: a job starts as soon as any other finishes (and, with a pacer, its turn has come).
 * Results come back in job order. If a task throws, no further job starts, the ones in flight
 * are waited for, and then the first error is thrown: nothing keeps running behind the caller.
 */
export async function runPool<T>(
	count: number,
	limit: number,
	task: (job: number) => Promise<T>,
	{ shouldStop = () => false, pacer }: PoolControl = {},
): Promise<Array<T | undefined>> {
	const results: Array<T | undefined> = new Array(count).fill(undefined);
	let next = 0;
	let failed: { error: unknown } | undefined;
	const stopping = () => failed !== undefined || shouldStop();
	async function worker(): Promise<void> {
		while (next < count && !stopping()) {
			await pacer?.start();
			if (next >= count || stopping()) return;
			const job = next++;
			try {
				results[job] = await task(job);
			} catch (error) {
				failed ??= { error };
				return;
			}
		}
	}
	const workers = Math.max(1, Math.min(Math.floor(limit) || 1, count));
	await Promise.all(Array.from({ length: workers }, worker));
	if (failed) throw failed.error;
	return results;
}
