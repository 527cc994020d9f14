/** A small seeded generator (mulberry32): the same seed, the same numbers, on every machine. */
export function seededRandom(seed: number): () => number {
	let state = seed | 0;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let value = Math.imul(state ^ (state >>> 15), 1 | state);
		value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
		return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
	};
}

/** A generator for one purpose, derived from the seed and a name, so streams do not disturb each other. */
export function stream(seed: number, name: string): () => number {
	let hash = seed | 0;
	for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
	return seededRandom(hash);
}
