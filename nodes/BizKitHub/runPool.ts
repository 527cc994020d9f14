/**
 * Runs `task` for each of `count` jobs with at most `limit` in flight at once. A pipeline, not
 * batches: a job starts as soon as any other finishes. Results come back in job order.
 * `shouldStop` is asked before each new job starts; once it says yes, no further job starts.
 */
export async function runPool<T>(
	count: number,
	limit: number,
	task: (job: number) => Promise<T>,
	shouldStop: () => boolean = () => false,
): Promise<Array<T | undefined>> {
	const results: Array<T | undefined> = new Array(count).fill(undefined);
	let next = 0;
	async function worker(): Promise<void> {
		while (next < count && !shouldStop()) {
			const job = next++;
			results[job] = await task(job);
		}
	}
	const workers = Math.max(1, Math.min(Math.floor(limit) || 1, count));
	await Promise.all(Array.from({ length: workers }, worker));
	return results;
}
