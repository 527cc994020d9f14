import { sleep } from 'n8n-workflow';

import {
	AttemptDeadline,
	type AttemptEnd,
} from '../../../../../nodes/BizKitHub/transport/attemptDeadline';
import { VirtualTime } from '../../../../../sim/virtualTime';
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

describe("the attempts' time limits on one clock", () => {
	/** A clock on virtual time, and when each deadline of `deadlines` ended and how. */
	function onVirtualTime() {
		const time = new VirtualTime(0);
		const clock = time.clock(0, () => 0, Math.random);
		const ends: Array<[number, AttemptEnd]> = [];
		const start = (timeoutMs: number) => {
			const deadline = new AttemptDeadline(timeoutMs, undefined, clock);
			void deadline.ended.then((why) => ends.push([time.now, why]));
			return deadline;
		};
		return { time, start, ends };
	}

	test('share one timer, which goes once no attempt is out', async () => {
		const { time, start } = onVirtualTime();
		const deadlines = Array.from({ length: 20 }, () => start(30_000));
		expect(time.nodeTimers).toBe(1);
		for (const deadline of deadlines) deadline.clear();
		await time.run(() => true);
		expect(time.nodeTimers).toBe(0);
	});

	test('each times out at its own limit: started later, or shorter than those out', async () => {
		const { time, start, ends } = onVirtualTime();
		start(1000);
		time.at(400, () => undefined);
		await time.run(() => time.now >= 400);
		const later = start(1000);
		const shorter = start(100);
		await time.run(() => ends.length === 3);
		expect(ends).toEqual([
			[500, 'timed out'],
			[1000, 'timed out'],
			[1400, 'timed out'],
		]);
		later.clear();
		shorter.clear();
		expect(time.nodeTimers).toBe(0);
	});
});
