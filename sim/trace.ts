import { EPOCH, type WorldRecord } from './world';

/** Every request of a run, one line each in the order sent: for reading what a failing seed did. */
export function trace(world: WorldRecord): string[] {
	const lines: Array<[number, string]> = [];
	const at = (t: number | undefined) => (t === undefined ? '-' : ((t - EPOCH) / 1000).toFixed(3));
	for (const process of world.processes) {
		for (const execution of process.executions) {
			for (const item of execution.items) {
				const who = `p${item.process} e${item.execution} i${item.job}`;
				if (item.startedAt !== undefined)
					lines.push([item.startedAt, `${at(item.startedAt)} ${who} starts`]);
				for (const send of item.sends) {
					const what =
						send.fault ??
						(send.refused
							? `429 stated ${send.statedWaitMs ?? '-'}`
							: send.handled
								? 'accepted'
								: '?');
					lines.push([
						send.sentAt,
						`${at(send.sentAt)} ${who} sent (pace ${send.pace?.toFixed(2) ?? 'off'}), answered ${at(send.answeredAt)}: ${what}`,
					]);
				}
				for (const { at: t, result } of item.results) {
					const outcome = result.outcome;
					const said = 'message' in outcome ? `: ${outcome.message}` : '';
					lines.push([t, `${at(t)} ${who} ends ${outcome.kind}${said}`]);
				}
			}
		}
	}
	return lines.sort((a, b) => a[0] - b[0]).map(([, line]) => line);
}
