import { sleep } from 'n8n-workflow';

import { systemClock, type Clock } from '../../../../../nodes/BizKitHub/sending/clock';
import { StartPacer } from '../../../../../nodes/BizKitHub/sending/startPacer';

/** The pacer's clock from a reading of the time and a sleep. */
const clockOf = (now: () => number, sleep: Clock['sleep'] = systemClock.sleep): Clock => ({
	now,
	wallNow: now,
	sleep,
	random: Math.random,
});

/** A clock that only moves when the pacer sleeps (after everything already due has run). */
function virtualTime() {
	const time = { now: 0, slept: [] as number[] };
	return {
		time,
		clock: () => time.now,
		sleeper: async (ms: number) => {
			time.slept.push(ms);
			await sleep(0);
			time.now += ms;
		},
	};
}

/** Asks the pacer for `count` starts at once; resolves with the time each was let go. */
async function startTimes(pacer: StartPacer, clock: () => number, count: number) {
	return await Promise.all(
		Array.from({ length: count }, async () => {
			await pacer.start();
			return clock();
		}),
	);
}

test('before any answer nothing is known of the round trip: all starts go at once', async () => {
	const { time, clock, sleeper } = virtualTime();
	const pacer = new StartPacer(20, clockOf(clock, sleeper));
	expect(pacer.spacingMs).toBe(0);
	expect(await startTimes(pacer, clock, 20)).toEqual(new Array(20).fill(0));
	expect(time.slept).toEqual([]);
});

test('after a request, starts are kept the shortest request / concurrency apart, at most two at once', async () => {
	const { time, clock, sleeper } = virtualTime();
	const pacer = new StartPacer(4, clockOf(clock, sleeper));
	await pacer.start();
	time.now = 100;
	pacer.observe(100);
	expect(pacer.spacingMs).toBe(25);
	// two starts were saved up during the pause; the rest go one spacing apart
	expect(await startTimes(pacer, clock, 6)).toEqual([100, 100, 125, 150, 175, 200]);
});

test('a late wake-up lets the starts that fell due meanwhile go, but never more than two', async () => {
	const { time, clock } = virtualTime();
	const late = async (ms: number) => {
		await sleep(0);
		time.now += ms * 2; // the timer fires twice as late as asked (1 ms ticks against ~1 ms spacing)
	};
	const pacer = new StartPacer(4, clockOf(clock, late));
	await pacer.start();
	time.now = 100;
	pacer.observe(100);
	const times = await startTimes(pacer, clock, 8);
	expect(times).toEqual([100, 100, 150, 150, 200, 200, 250, 250]);
	const perInstant = new Map<number, number>();
	for (const at of times) perInstant.set(at, (perInstant.get(at) ?? 0) + 1);
	expect(Math.max(...perInstant.values())).toBe(2);
	// on average still one start per spacing: the late timer did not slow the pacer down
	expect(times[times.length - 1] - times[0]).toBeLessThanOrEqual(25 * (times.length - 1));
});

test('the spacing follows the shortest request seen', async () => {
	const { clock, sleeper } = virtualTime();
	const pacer = new StartPacer(4, clockOf(clock, sleeper));
	pacer.observe(40);
	expect(pacer.spacingMs).toBe(10);
	pacer.observe(400); // a slower request does not widen the spacing
	expect(pacer.spacingMs).toBe(10);
});

test('with a concurrency of one there is nothing to spread', async () => {
	const { time, clock, sleeper } = virtualTime();
	const pacer = new StartPacer(1, clockOf(clock, sleeper));
	await pacer.start();
	time.now = 50;
	pacer.observe(50);
	expect(pacer.spacingMs).toBe(0);
	expect(await startTimes(pacer, clock, 5)).toEqual([50, 50, 50, 50, 50]);
	expect(time.slept).toEqual([]);
});

test('once the execution is stopped, every waiting start is let go at once', async () => {
	const stop = new AbortController();
	const time = { now: 0 };
	// The real, stoppable sleep: without the stop, the waiting starts would wait 10 s each.
	const pacer = new StartPacer(
		2,
		clockOf(() => time.now),
		stop.signal,
	);
	await pacer.start();
	time.now = 20_000;
	pacer.observe(20_000); // a round trip of 20 s: starts are kept 10 s apart
	const waiting = [pacer.start(), pacer.start(), pacer.start()];
	await sleep(20);
	stop.abort();
	await expect(Promise.all(waiting)).resolves.toHaveLength(3);
	await expect(pacer.start()).resolves.toBeUndefined();
});
