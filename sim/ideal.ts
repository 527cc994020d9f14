import { stream } from './random';
import { limiterOf, type Scenario } from './scenario';
import { EPOCH } from './world';

/**
 * The least time the limiter allows for the scenario's work: a client that knows the limiter sends
 * each item (in the order the executions start, with the concurrency of all of them together and
 * the mean latency) at the first moment the limiter would accept it, the other clients' requests
 * taking their share as they come. Returns ms from the first start to the last answer.
 */
export function idealMs(scenario: Scenario): number {
	const limiter = limiterOf(scenario.limiter);
	const [low, high] = scenario.latencyMs;
	const way = (low + high) / 4;
	const executions = scenario.processes
		.flatMap((process) => process.executions)
		.sort((a, b) => a.startMs - b.startMs);
	const first = EPOCH + executions[0].startMs;
	const slots = new Array(executions.reduce((sum, e) => sum + e.concurrency, 0)).fill(first);

	const other = scenario.otherClients;
	const random = stream(scenario.seed, 'other clients');
	let otherAt = Number.POSITIVE_INFINITY;
	const nextOther = (after: number) => {
		if (!other || other.perSecond <= 0) return;
		otherAt = after - Math.log(1 - random()) * (1000 / other.perSecond);
		if (other.toMs !== undefined && otherAt > EPOCH + other.toMs)
			otherAt = Number.POSITIVE_INFINITY;
	};
	if (other) nextOther(EPOCH + (other.fromMs ?? 0));
	/** Lets the other clients' requests up to `t` take their places. */
	const othersUntil = (t: number) => {
		while (otherAt <= t) {
			limiter.take(otherAt);
			nextOther(otherAt);
		}
	};

	let last = first;
	/** The limiter's clock only goes forward: the items are sent in order, each at or after the one before. */
	let taken = first;
	for (const execution of executions) {
		for (let item = 0; item < execution.items; item++) {
			const slot = slots.indexOf(Math.min(...slots));
			let arrival = Math.max(slots[slot] + way, EPOCH + execution.startMs + way, taken);
			for (;;) {
				othersUntil(arrival);
				const at = limiter.nextAllowedAt(arrival);
				if (at === arrival) break;
				arrival = at;
			}
			if (!limiter.take(arrival).allowed) throw new Error('the ideal client was refused');
			taken = arrival;
			slots[slot] = arrival + way;
			last = Math.max(last, arrival + way);
		}
	}
	return last - first;
}
