// @ts-check
'use strict';

// What the soak (bench/lib/soak.js) showed: a verdict per target, the samples as a table and a
// chart, and its section of bench/results.md, kept when the rest of the file is written anew.

const { growthChart } = require('./chart');

/** @typedef {import('./soak').SoakResult} SoakResult */

const START = '<!-- soak:start -->';
const END = '<!-- soak:end -->';

/** Heap growth allowed from the 10,000th registration to the end. */
const HEAP_GROWTH_MB = 20;
/** How far a line fitted through the heap samples may rise over the run: no upward trend. */
const HEAP_TREND_MB = 10;
/** CPU per registration in the last tenth, against the first. */
const CPU_RATIO = 1.1;

/** The registration count after which the heap is the baseline: 10,000, or a tenth of a shorter run. */
const baselineAt = (/** @type {number} */ total) => Math.min(10000, total / 10);

/** The least-squares slope of y over x. @param {Array<[number, number]>} points */
function slope(points) {
	const n = points.length;
	if (n < 2) return 0;
	const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
	const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
	const covariance = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
	const variance = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
	return variance === 0 ? 0 : covariance / variance;
}

/**
 * CPU per registration over the segments between the samples `from` and `to` (indexes).
 * @param {SoakResult['samples']} samples
 */
function cpuBetween(samples, /** @type {number} */ from, /** @type {number} */ to) {
	let cpu = 0;
	let registrations = 0;
	for (let index = Math.max(1, from + 1); index <= to; index++) {
		const perRegistration = samples[index].cpuMsPerRegistration;
		if (perRegistration === undefined) continue;
		const count = samples[index].registrations - samples[index - 1].registrations;
		cpu += perRegistration * count;
		registrations += count;
	}
	return registrations > 0 ? cpu / registrations : undefined;
}

/**
 * The figures each verdict is made of.
 * @param {SoakResult} result
 */
function soakFigures(result) {
	const { samples, registrations } = result;
	const atBaseline = samples.find((each) => each.registrations >= baselineAt(registrations));
	const last = samples[samples.length - 1];
	const after = samples.filter(
		(each) => atBaseline && each.registrations >= atBaseline.registrations,
	);
	const trendMB =
		slope(after.map((each) => [each.registrations, each.heapMB])) *
		(last.registrations - (atBaseline?.registrations ?? 0));
	return {
		baseline: atBaseline,
		last,
		growthMB: atBaseline ? last.heapMB - atBaseline.heapMB : undefined,
		trendMB,
		// The tenths end and start at the samples nearest them (calls bring a few customers each).
		firstTenthCpu: cpuBetween(
			samples,
			0,
			samples.findIndex((each) => each.registrations >= registrations / 10),
		),
		lastTenthCpu: cpuBetween(
			samples,
			samples.length -
				1 -
				[...samples].reverse().findIndex((each) => each.registrations <= (registrations * 9) / 10),
			samples.length - 1,
		),
	};
}

/**
 * One line per target: MET or NOT MET, with the figures.
 * @param {SoakResult} result
 * @returns {string[]}
 */
function soakVerdicts(result) {
	const f = soakFigures(result);
	const verdict = (/** @type {boolean} */ met) => (met ? 'MET' : 'NOT MET');
	const mb = (/** @type {number} */ value) => `${value.toFixed(1)} MB`;
	const lines = [];
	if (!f.baseline || f.growthMB === undefined) {
		lines.push('Soak, heap: NOT MEASURED (no sample after the baseline)');
	} else {
		lines.push(
			`Soak, heap after GC at the end within ${HEAP_GROWTH_MB} MB of after ${f.baseline.registrations} registrations: ${verdict(Math.abs(f.growthMB) <= HEAP_GROWTH_MB)} (${mb(f.baseline.heapMB)} then, ${mb(f.last.heapMB)} at the end: ${f.growthMB >= 0 ? '+' : ''}${mb(f.growthMB)})`,
			`Soak, no upward trend of the heap (a line fitted from then on rises less than ${HEAP_TREND_MB} MB): ${verdict(f.trendMB < HEAP_TREND_MB)} (it rises ${mb(f.trendMB)})`,
		);
	}
	if (f.firstTenthCpu === undefined || f.lastTenthCpu === undefined) {
		lines.push('Soak, CPU per registration: NOT MEASURED (too few samples)');
	} else {
		const ratio = f.lastTenthCpu / f.firstTenthCpu;
		lines.push(
			`Soak, CPU per registration in the last tenth within ${Math.round((CPU_RATIO - 1) * 100)}% of the first: ${verdict(ratio <= CPU_RATIO)} (${f.firstTenthCpu.toFixed(2)} ms first, ${f.lastTenthCpu.toFixed(2)} ms last: ${ratio.toFixed(2)}x)`,
		);
	}
	const accounted =
		result.notAnswered200 === 0 &&
		result.mismatched === 0 &&
		result.extra === 0 &&
		result.sentTwice === 0 &&
		result.registeredAtSandbox === result.expectedRegistered;
	lines.push(
		`Soak, every webhook answered and every registration on exactly one output, nothing sent twice: ${verdict(accounted)} (${result.calls} calls, ${result.notAnswered200} not answered 200; ${result.registrations} customers, ${result.mismatched} not on the expected output once, ${result.extra} extra; ${result.registeredAtSandbox} registered at the sandbox for ${result.expectedRegistered} on Success, ${result.sentTwice} twice)`,
	);
	const k = result.keyChange;
	const unaffected = k.failedAfter === 0 && k.oldKeyRequestsAfter === 0 && k.newKeyRequests > 0;
	lines.push(
		`Soak, the changed key's executions unaffected by the old key's state: ${verdict(unaffected)} (the old key's quota spent for an hour: ${k.oldKeyRefused} customers failed with it; after the change, ${k.failedAfter} failed, ${k.newKeyRequests} requests with the new key, ${k.oldKeyRequestsAfter} with the old)`,
	);
	return lines;
}

/** The chart: heap after GC and CPU per registration against registrations done. @param {SoakResult} result */
function soakChart(result) {
	const heap = result.samples.map(
		(each) => /** @type {[number, number]} */ ([each.registrations, each.heapMB]),
	);
	const cpu = result.samples
		.filter((each) => each.cpuMsPerRegistration !== undefined)
		.map(
			(each) =>
				/** @type {[number, number]} */ ([each.registrations, each.cpuMsPerRegistration ?? 0]),
		);
	return growthChart(
		[
			{ title: 'n8n heap after a full GC (MB)', series: [{ name: 'heap', points: heap }] },
			{
				title: 'n8n CPU per registration (ms)',
				series: [{ name: 'since the last sample', points: cpu }],
			},
		],
		'registrations',
	);
}

/**
 * The soak's section of bench/results.md.
 * @param {SoakResult} result
 * @param {{ date: string, n8n: string, node: string, cpus: string, chart: string }} about
 */
function soakMarkdown(result, about) {
	const rows = result.samples.map(
		(each) =>
			`| ${each.registrations} | ${each.heapMB.toFixed(1)} | ${each.rssMB.toFixed(0)} | ${each.cpuMsPerRegistration === undefined ? '' : each.cpuMsPerRegistration.toFixed(2)} |`,
	);
	const outcomes = Object.entries(result.outcomes)
		.map(([outcome, count]) => `${count} ${outcome}`)
		.join(', ');
	return [
		START,
		'## Soak: one n8n process for a long time',
		'',
		`Made by \`npm run bench -- soak\` on ${about.date}: n8n ${about.n8n} started as a server (\`n8n start\`) on Node ${about.node}, ${about.cpus}.`,
		`Two webhook workflows on one BizKitHub credential took ${result.calls} calls, 8 at a time (3 to 7 customers each:`,
		'one in twenty invalid, one in twenty already registered), the sandbox answering in 20 ms. Half-way another',
		"client spent the old key's quota for an hour, one call met that, and the credential's key was changed",
		"through n8n's REST API as the editor does. Every few thousand registrations n8n was asked for its heap",
		'after a full garbage collection and its CPU time (scripts/lib/processProbe.js, loaded with NODE_OPTIONS).',
		`It took ${Math.round(result.seconds)} s; outcomes: ${outcomes}. The CPU is all of n8n's (webhook, execution,`,
		"database), not the node's alone.",
		'',
		`![heap and CPU per registration against registrations](${about.chart})`,
		'',
		...soakVerdicts(result).map((line) => `- ${line}`),
		'',
		'| registrations | heap after GC (MB) | RSS (MB) | CPU per registration since the last sample (ms) |',
		'| --- | --- | --- | --- |',
		...rows,
		END,
	].join('\n');
}

/**
 * `document` with its soak section replaced by `section` (added at the end when it has none).
 * @param {string} document
 * @param {string} section
 */
function withSoakSection(document, section) {
	const start = document.indexOf(START);
	const end = document.indexOf(END);
	if (start < 0 || end < start) return `${document.trimEnd()}\n\n${section}\n`;
	return `${document.slice(0, start)}${section}${document.slice(end + END.length)}`;
}

/** The soak section of `document`, if it has one. @param {string} document */
function soakSectionOf(document) {
	const start = document.indexOf(START);
	const end = document.indexOf(END);
	return start < 0 || end < start ? undefined : document.slice(start, end + END.length);
}

module.exports = {
	soakVerdicts,
	soakFigures,
	soakChart,
	soakMarkdown,
	withSoakSection,
	soakSectionOf,
};
