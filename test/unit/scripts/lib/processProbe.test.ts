/**
 * The process probe the compatibility tests and the soak bench load into n8n: it must count a
 * pending long timer as the package's only when the package set it (itself or through n8n's wait
 * helper), never a timer n8n sets while serving a call from the package.
 */
import { startProbedScript } from '../../../helpers/probedScript';

test("counts the package's pending timers of a minute or more, not n8n's, and says where each was set", async () => {
	const script = await startProbedScript();
	try {
		const reading = await script.probe();
		expect(reading.collected).toBe(true);
		expect(reading.longTimers).toBe(2);
		const sites = [...reading.longTimerSites].sort((a, b) => a.ms - b.ms);
		expect(sites.map(({ ms }) => ms)).toEqual([90000, 120000]);
		for (const site of sites) expect(site.frames.join('\n')).toMatch(/\(index\.js:\d+:\d+\)/);
		expect(sites[0].frames.join('\n')).toMatch(/@n8n[\\/]utils[\\/]sleep\.js/);
	} finally {
		script.stop();
	}
});
