import type { Clock } from '../nodes/BizKitHub/sending/clock';
import { nextTurn } from './host';

interface Timer {
	at: number;
	seq: number;
	fire: () => void;
	/** Set by the node's code (its sleeps), not by the simulated world. */
	node: boolean;
	cancelled: boolean;
}

/**
 * Virtual time: every sleep is a timer on it, and `run` moves the clock to the next timer each time
 * everything else has settled (all promise callbacks run). Hours pass in milliseconds, and the same
 * seed gives the same run: the order of events depends on nothing but the code and the seed.
 */
export class VirtualTime {
	/** The true time, ms since the epoch (the limiter's and the server's clock). */
	now: number;

	private readonly heap: Timer[] = [];

	private seq = 0;

	/** Timers the node's code has set that have neither fired nor been cancelled. */
	nodeTimers = 0;

	constructor(start: number) {
		this.now = start;
	}

	/** Runs `fire` at `at` (the simulated world's events: answers arriving, limits, Stop). */
	at(at: number, fire: () => void): void {
		this.push({ at: Math.max(at, this.now), seq: this.seq++, fire, node: false, cancelled: false });
	}

	/** A sleep of the node's code: ends `ms` from now, or at once and without a trace when `cancel` aborts. */
	sleep(ms: number, cancel?: AbortSignal): Promise<void> {
		if (cancel?.aborted) return Promise.resolve();
		return new Promise((resolve) => {
			const timer: Timer = {
				// As Node's timers: whole milliseconds, at least one (setTimeout(0) waits 1 ms).
				at: this.now + Math.max(1, Math.ceil(Number.isFinite(ms) ? ms : 0)),
				seq: this.seq++,
				node: true,
				cancelled: false,
				fire: () => {
					cancel?.removeEventListener('abort', onAbort);
					resolve();
				},
			};
			const onAbort = () => {
				if (timer.cancelled) return;
				timer.cancelled = true;
				this.nodeTimers -= 1;
				resolve();
			};
			cancel?.addEventListener('abort', onAbort, { once: true });
			this.nodeTimers += 1;
			this.push(timer);
		});
	}

	/**
	 * A clock for one n8n process: its monotonic clock starts at `monotonicAt` (any number), its
	 * wall clock is the true time plus `wallOffset()` (which may step).
	 */
	clock(monotonicAt: number, wallOffset: () => number, random: () => number): Clock {
		const origin = this.now;
		return {
			now: () => this.now - origin + monotonicAt,
			wallNow: () => this.now + wallOffset(),
			sleep: async (ms, cancel) => await this.sleep(ms, cancel),
			random,
		};
	}

	/** Runs until `done()` after everything has settled; throws if nothing is left to wait for. */
	async run(done: () => boolean): Promise<void> {
		for (;;) {
			await nextTurn();
			if (done()) return;
			const timer = this.pop();
			if (!timer) throw new Error('the simulation is stuck: nothing left to wait for');
			this.now = Math.max(this.now, timer.at);
			if (timer.node) this.nodeTimers -= 1;
			timer.fire();
		}
	}

	private pop(): Timer | undefined {
		for (;;) {
			const top = this.heap[0];
			if (!top) return undefined;
			const last = this.heap.pop()!;
			if (this.heap.length > 0) {
				this.heap[0] = last;
				this.down(0);
			}
			if (!top.cancelled) return top;
		}
	}

	private before(a: Timer, b: Timer): boolean {
		return a.at < b.at || (a.at === b.at && a.seq < b.seq);
	}

	private push(timer: Timer): void {
		const heap = this.heap;
		heap.push(timer);
		let index = heap.length - 1;
		while (index > 0) {
			const parent = (index - 1) >> 1;
			if (!this.before(heap[index], heap[parent])) break;
			[heap[index], heap[parent]] = [heap[parent], heap[index]];
			index = parent;
		}
	}

	private down(index: number): void {
		const heap = this.heap;
		for (;;) {
			const left = 2 * index + 1;
			const right = left + 1;
			let least = index;
			if (left < heap.length && this.before(heap[left], heap[least])) least = left;
			if (right < heap.length && this.before(heap[right], heap[least])) least = right;
			if (least === index) return;
			[heap[index], heap[least]] = [heap[least], heap[index]];
			index = least;
		}
	}
}
