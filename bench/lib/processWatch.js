// @ts-check
'use strict';

// Watches an n8n process from outside (Linux /proc): its peak resident memory and its CPU time,
// sampled every 100 ms.

const fs = require('node:fs');

const CLOCK_TICKS_PER_S = 100; // USER_HZ, 100 on Linux

/** CPU time (user and system) a process has used so far, in milliseconds. */
function cpuMsOf(/** @type {number} */ pid) {
	const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
}

function watchProcess() {
	let peakKb = 0;
	/** @type {Array<[number, number]>} [time, CPU milliseconds used so far] */
	const cpuSamples = [];
	/** @type {NodeJS.Timeout | undefined} */
	let timer;
	return {
		cpuSamples,
		start(/** @type {import('node:child_process').ChildProcess} */ child) {
			timer = setInterval(() => {
				try {
					const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
					peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
					cpuSamples.push([Date.now(), cpuMsOf(/** @type {number} */ (child.pid))]);
				} catch {
					// the process has ended
				}
			}, 100);
		},
		stop() {
			clearInterval(timer);
		},
		peakMb: () => Math.round(peakKb / 1024),
	};
}

/**
 * n8n's CPU time per request while the requests flowed (from the first sample after the first
 * request to the last sample before the last one), and how busy its one thread was then.
 * @param {Array<[number, number]>} samples
 * @param {Array<{ at: number }>} requests
 * @returns {{ cpuMsPerRequest?: number, busy?: number }}
 */
function cpuWhileSending(samples, requests) {
	if (requests.length === 0) return {};
	const first = requests[0].at;
	const last = requests[requests.length - 1].at;
	const inside = samples.filter(([at]) => at >= first && at <= last);
	if (inside.length < 2) return {};
	const [fromAt, fromCpu] = inside[0];
	const [toAt, toCpu] = inside[inside.length - 1];
	const sent = requests.filter((request) => request.at > fromAt && request.at <= toAt).length;
	if (sent === 0) return {};
	return { cpuMsPerRequest: (toCpu - fromCpu) / sent, busy: (toCpu - fromCpu) / (toAt - fromAt) };
}

module.exports = { watchProcess, cpuWhileSending };
