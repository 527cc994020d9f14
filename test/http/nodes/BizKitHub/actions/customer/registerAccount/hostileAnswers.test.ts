/**
 * A server that misbehaves (the sandbox's misbehaviours), with the node run in n8n-core's
 * WorkflowExecute over real HTTP: secrets stay hidden, nothing hangs, nothing is hammered.
 */
import { SECRET_PIECE_LENGTH } from '../../../../../../../nodes/BizKitHub/transport/redact';
import {
	E004,
	ERROR_OUTPUT,
	SUCCESS,
	pairedIndexes,
	shownByRun,
} from '../../../../../../helpers/outputs';
import { autoMapParameters } from '../../../../../../helpers/parameters';
import { runWorkflow } from '../../../../../../helpers/runWorkflow';
import { credentialsFor, useSandbox } from '../../../../../../helpers/sandbox';

const sandbox = useSandbox();

/** Every piece of SECRET_PIECE_LENGTH characters of the secret (the whole of a shorter one). */
function piecesOf(secret: string): string[] {
	if (secret.length < SECRET_PIECE_LENGTH) return [secret];
	return Array.from({ length: secret.length - SECRET_PIECE_LENGTH + 1 }, (_, start) =>
		secret.slice(start, start + SECRET_PIECE_LENGTH),
	);
}

describe('a server that echoes the request, password included', () => {
	const passwords = [
		'two  spaces here',
		'a "quoted" back\\slash',
		'slash/in/the/middle',
		'ünïcödé-pässwörd',
		'long-'.repeat(60),
		'tab\tand\nnewline pw',
	];

	test.each(passwords)('no piece of %j shows in the error', async (password) => {
		const result = await runWorkflow({
			items: [{ email: 'x+echo@example.com', password }],
			parameters: autoMapParameters({ maxAttempts: 1 }),
			credentials: credentialsFor(sandbox()),
			onError: 'continueErrorOutput',
		});
		const [failed] = result.outputs[ERROR_OUTPUT];
		expect(failed.json.error).toMatch(
			/^Item 0: BizKitHub answered HTTP 500 with a body that is not JSON: raw: \{"email":"x\+echo@example\.com","password":"\[redacted\]"\}/,
		);
		const shown = shownByRun(result);
		for (const piece of piecesOf(password)) {
			expect(shown).not.toContain(piece);
			expect(shown).not.toContain(JSON.stringify(piece).slice(1, -1));
		}
		expect(shown).not.toContain(sandbox().keys.dev);
	});
});

describe("the node's own words are never redacted", () => {
	test.each(['a', 'answered', 'HTTP', 'BizKitHub'])(
		'password %j leaves "BizKitHub answered HTTP 500" whole',
		async (password) => {
			const result = await runWorkflow({
				items: [{ email: 'x+fail500@example.com', password }],
				parameters: autoMapParameters(),
				credentials: credentialsFor(sandbox()),
				onError: 'continueErrorOutput',
			});
			expect(result.outputs[ERROR_OUTPUT][0].json.error).toMatch(
				/^Item 0: BizKitHub answered HTTP 500 with error INTERNAL_SERVER_ERROR: /,
			);
		},
	);
});

test('a user name and password in the Base URL are not shown, nor a query string', async () => {
	const { port } = sandbox();
	await sandbox().close();
	const result = await runWorkflow({
		items: [{ email: 'x@example.com', password: 'pw' }],
		parameters: autoMapParameters({ maxAttempts: 1 }),
		credentials: {
			apiKey: sandbox().keys.dev,
			baseUrl: `http://proxyuser:proxysecret@127.0.0.1:${port}`,
		},
		onError: 'continueErrorOutput',
	});
	expect(result.outputs[ERROR_OUTPUT][0].json.error).toBe(
		`Item 0: BizKitHub could not be reached at http://127.0.0.1:${port}/api/v1/customer/register-account: the connection was refused`,
	);
	const shown = shownByRun(result);
	expect(shown).not.toContain('proxysecret');
	expect(shown).not.toContain('proxyuser');
});

describe('a 429 that says "retry now" is backed off from, not hammered', () => {
	test.each(['zeroretry', 'negretry', 'pastretry', 'pastreset'])(
		'%s: after the first 429s, requests are spread out by the backoff',
		async (tag) => {
			const items = [0, 1, 2, 3].map((n) => ({
				email: `c${n}+${tag}2@example.com`,
				password: 'pw',
			}));
			const result = await runWorkflow({
				items,
				parameters: autoMapParameters(),
				credentials: credentialsFor(sandbox()),
			});
			expect(result.error).toBeUndefined();
			expect(pairedIndexes(result.outputs[SUCCESS])).toEqual([0, 1, 2, 3]);
			expect(result.outputs[SUCCESS].map((item) => item.json.attempts)).toEqual([3, 3, 3, 3]);
			// Each item was refused twice, then served: 12 requests.
			const times = sandbox()
				.registrations()
				.map((request) => request.at - sandbox().registrations()[0].at);
			expect(times).toHaveLength(12);
			// The first four went together; after their 429s each new request waits for a backoff
			// of at least 250 ms (growing while the 429s go on), so the twelve are spread out.
			expect(times.filter((at) => at < 200)).toHaveLength(4);
			expect(Math.max(...times)).toBeGreaterThanOrEqual(1000);
		},
	);
});

describe('answers that would hold the node or eat its memory', () => {
	test('a body that trickles in forever is cut off at the Request Timeout', async () => {
		const result = await runWorkflow({
			items: [{ email: 'x+trickle@example.com', password: 'pw' }],
			parameters: autoMapParameters({ timeout: 500, maxAttempts: 1 }),
			credentials: credentialsFor(sandbox()),
			onError: 'continueErrorOutput',
		});
		expect(result.outputs[ERROR_OUTPUT].map((item) => item.json.error)).toEqual([
			expect.stringMatching(
				/^Item 0: BizKitHub could not be reached at .*: no whole answer came within 500 ms\. An attempt may have reached BizKitHub, so the address may already be registered\.$/,
			),
		]);
	});

	test('a timed-out attempt is tried again, and a registration it caused is flagged', async () => {
		const result = await runWorkflow({
			items: [{ email: 'y+trickle1@example.com', password: 'pw' }],
			parameters: autoMapParameters({ timeout: 300, maxAttempts: 2 }),
			credentials: credentialsFor(sandbox()),
		});
		// The first attempt registered the address before trickling: the second is told E004.
		expect(result.outputs[E004].map((item) => item.json)).toEqual([
			expect.objectContaining({
				errorCode: 'E004',
				attempts: 2,
				earlierAttemptMayHaveRegistered: true,
			}),
		]);
	});

	test('an answer that inflates beyond 1 MiB fails the item at once, without another attempt', async () => {
		const result = await runWorkflow({
			items: [
				{ email: 'x+bomb@example.com', password: 'pw' },
				{ email: 'fine@example.com', password: 'pw' },
			],
			parameters: autoMapParameters(),
			credentials: credentialsFor(sandbox()),
			onError: 'continueErrorOutput',
		});
		expect(result.outputs[ERROR_OUTPUT].map((item) => item.json.error)).toEqual([
			expect.stringMatching(
				/^Item 0: .*: the answer was larger than 1 MiB\. An attempt may have reached BizKitHub, so the address may already be registered\.$/,
			),
		]);
		expect(pairedIndexes(result.outputs[SUCCESS])).toEqual([1]);
		expect(
			sandbox()
				.registrations()
				.filter((request) => request.body.email === 'x+bomb@example.com'),
		).toHaveLength(1);
	});
});
