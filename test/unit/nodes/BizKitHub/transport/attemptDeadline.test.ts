import { sleep } from 'n8n-workflow';

import { AttemptDeadline } from '../../../../../nodes/BizKitHub/transport/attemptDeadline';
import { isCollected } from '../../../../helpers/collectable';

/**
 * Starts an attempt whose deadline something waits on (as apiRequest races the answer against
 * it), holding `payload` the way the waiting code holds the HTTP answer, and ends the attempt.
 */
function attemptHolding(timeoutMs: number, signal?: AbortSignal): WeakRef<object> {
	const payload = { answer: 'x'.repeat(10_000) };
	const deadline = new AttemptDeadline(timeoutMs, signal);
	void Promise.race([deadline.ended, new Promise(() => {})]).then(() => payload.answer.length);
	void deadline.ended.then(() => payload);
	deadline.clear();
	return new WeakRef(payload);
}

describe('an attempt deadline', () => {
	test.each([
		['a time limit', 30_000, undefined],
		['no time limit', 0, undefined],
		["the execution's Stop", 30_000, new AbortController().signal],
		['Stop but no time limit', 0, new AbortController().signal],
	])('once cleared, nothing waiting on it is kept (%s)', async (_what, timeoutMs, signal) => {
		expect(await isCollected(attemptHolding(timeoutMs, signal))).toBe(true);
	});

	test('settles as cleared when cleared, and stays so', async () => {
		const deadline = new AttemptDeadline(50);
		deadline.clear();
		expect(await deadline.ended).toBe('cleared');
		await sleep(80);
		expect(await deadline.ended).toBe('cleared');
	});

	test('ends as timed out after its limit, and as stopped on Stop', async () => {
		expect(await new AttemptDeadline(20).ended).toBe('timed out');
		const stop = new AbortController();
		const deadline = new AttemptDeadline(10_000, stop.signal);
		stop.abort();
		expect(await deadline.ended).toBe('stopped');
		deadline.clear();
		const already = new AttemptDeadline(0, stop.signal);
		expect(await already.ended).toBe('stopped');
		already.clear();
	});
});
