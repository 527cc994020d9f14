// @ts-check
'use strict';

// A small SVG chart of how cost grows with the number of items (or registrations): one panel per
// measure (time, memory), a linear axis, one line per kind of run. Linear growth shows as a
// straight line.

const WIDTH = 360;
const HEIGHT = 240;
const MARGIN = { left: 56, right: 16, top: 28, bottom: 40 };
const COLOURS = ['#2563eb', '#ea580c', '#16a34a'];

/** A round step for about five ticks up to `max`. */
function tickStep(/** @type {number} */ max) {
	const raw = max / 5;
	const power = 10 ** Math.floor(Math.log10(raw));
	return [1, 2, 2.5, 5, 10].map((factor) => factor * power).find((step) => step >= raw) ?? raw;
}

const escape = (/** @type {string} */ text) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const formatNumber = (/** @type {number} */ value) =>
	value >= 1000 ? `${value / 1000}k` : String(Number(value.toPrecision(3)));

/**
 * One panel at (`left`, 0).
 * @param {number} left
 * @param {string} title
 * @param {Array<{ name: string, points: Array<[number, number]> }>} series [items, value]
 * @param {string} xLabel
 */
function panel(left, title, series, xLabel) {
	const all = series.flatMap((line) => line.points);
	const maxX = Math.max(...all.map(([x]) => x));
	const stepY = tickStep(Math.max(...all.map(([, y]) => y)) || 1);
	const maxY = Math.ceil((Math.max(...all.map(([, y]) => y)) || 1) / stepY) * stepY;
	const stepX = tickStep(maxX);
	const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
	const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
	const x = (/** @type {number} */ value) => left + MARGIN.left + (value / maxX) * plotWidth;
	const y = (/** @type {number} */ value) => MARGIN.top + plotHeight - (value / maxY) * plotHeight;
	const parts = [
		`<text x="${left + WIDTH / 2}" y="16" text-anchor="middle" font-weight="bold">${escape(title)}</text>`,
	];
	for (let value = 0; value <= maxY + 1e-9; value += stepY) {
		parts.push(
			`<line x1="${x(0)}" x2="${x(maxX)}" y1="${y(value)}" y2="${y(value)}" stroke="#ddd"/>`,
			`<text x="${x(0) - 6}" y="${y(value) + 4}" text-anchor="end">${formatNumber(value)}</text>`,
		);
	}
	for (let value = 0; value <= maxX + 1e-9; value += stepX) {
		parts.push(
			`<text x="${x(value)}" y="${y(0) + 16}" text-anchor="middle">${formatNumber(value)}</text>`,
		);
	}
	parts.push(
		`<text x="${x(maxX / 2)}" y="${HEIGHT - 6}" text-anchor="middle">${escape(xLabel)}</text>`,
		`<line x1="${x(0)}" x2="${x(0)}" y1="${y(0)}" y2="${y(maxY)}" stroke="#888"/>`,
		`<line x1="${x(0)}" x2="${x(maxX)}" y1="${y(0)}" y2="${y(0)}" stroke="#888"/>`,
	);
	series.forEach((line, index) => {
		const colour = COLOURS[index % COLOURS.length];
		const points = line.points.map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`);
		parts.push(
			`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.join(' ')}"/>`,
			...line.points.map(
				([px, py]) =>
					`<circle cx="${x(px).toFixed(1)}" cy="${y(py).toFixed(1)}" r="3" fill="${colour}"/>`,
			),
			`<text x="${x(0) + 8}" y="${MARGIN.top + 14 + index * 14}" fill="${colour}">${escape(line.name)}</text>`,
		);
	});
	return parts.join('\n');
}

/**
 * @param {Array<{ title: string, series: Array<{ name: string, points: Array<[number, number]> }> }>} panels
 * @param {string} [xLabel] what the horizontal axis counts
 * @returns {string} an SVG document
 */
function growthChart(panels, xLabel = 'items') {
	const width = WIDTH * panels.length;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" font-family="sans-serif" font-size="11">
<rect width="${width}" height="${HEIGHT}" fill="#fff"/>
${panels.map((each, index) => panel(index * WIDTH, each.title, each.series, xLabel)).join('\n')}
</svg>
`;
}

module.exports = { growthChart };
