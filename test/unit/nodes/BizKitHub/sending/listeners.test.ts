/**
 * Nothing the node hangs on the execution's signal outlives the wait it was for, even when garbage
 * is collected meanwhile. (Node's `signal` option of addEventListener loses its hold on the
 * listener once collected, on Node 20 at least: the listener then stayed on n8n's execution signal,
 * one per attempt, for as long as the execution ran.)
 */
import { abortableSleep } from '../../../../../nodes/BizKitHub/compat/sleep';
import { systemClock } from '../../../../../nodes/BizKitHub/sending/clock';
import { Throttle } from '../../../../../nodes/BizKitHub/sending/throttle';
import { AttemptDeadline } from '../../../../../nodes/BizKitHub/transport/attemptDeadline';
import { abortListeners as listenersOn } from '../../../../../sim/host.js';
import { executionSignal } from '../../../../helpers/executionSignal.js';
import { collectGarbage } from '../../../../helpers/garbage.js';

test('waits that end on their own leave no listener on the signal', async () => {
	const signal = executionSignal();
	const waits = Array.from({ length: 20 }, () => abortableSleep(50, signal));
	await collectGarbage();
	await Promise.all(waits);
	expect(listenersOn(signal)).toBe(0);
});

test("an attempt's deadline, cleared, leaves no listener on the signal", async () => {
	const signal = executionSignal();
	const deadlines = Array.from({ length: 20 }, () => new AttemptDeadline(0, signal));
	await collectGarbage();
	for (const deadline of deadlines) deadline.clear();
	expect(listenersOn(signal)).toBe(0);
});

test('callers let go by the throttle leave no listener on the signal', async () => {
	const signal = executionSignal();
	const throttle = new Throttle(systemClock);
	// Held by a block, so that garbage is collected while they wait.
	const first = await throttle.acquire({ deadline: Infinity });
	if (!('sentAt' in first)) throw new Error('no ticket');
	throttle.answered(first, true, { retryAfterMs: 1200 });
	const waiting = Array.from({ length: 20 }, () =>
		throttle.acquire({ deadline: Infinity, signal }),
	);
	await collectGarbage();
	// At the block's end one goes alone; accepted, the others follow.
	const probe = await waiting[0];
	if (!('sentAt' in probe)) throw new Error('no ticket');
	throttle.answered(probe, false, {});
	await Promise.all(waiting);
	expect(listenersOn(signal)).toBe(0);
});
