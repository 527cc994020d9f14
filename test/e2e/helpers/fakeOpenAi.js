// @ts-check
'use strict';

// A scripted stand-in for OpenAI's Chat Completions API on 127.0.0.1, for n8n's OpenAI Chat Model
// (its credential's Base URL pointed here). It plays a model that does one thing:
// - asked by a user whose message holds a JSON object, it calls the one tool it was offered with
//   that object as the arguments;
// - shown the tool's answer, it replies in words built only from that answer: the outcome, the
//   error code, the message and the fields with issues.
// It answers plainly or as a stream, as asked, and keeps every request it got.

const http = require('node:http');

/** @param {http.IncomingMessage} req @returns {Promise<any>} */
function readJson(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			try {
				resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
			} catch (error) {
				reject(error);
			}
		});
		req.on('error', reject);
	});
}

/** The text of a message, whether a string or a list of parts. @param {any} message */
function textOf(message) {
	if (typeof message?.content === 'string') return message.content;
	if (Array.isArray(message?.content)) {
		return message.content.map((/** @type {any} */ part) => part.text ?? '').join('');
	}
	return '';
}

/** The model's reply to a conversation: a tool call, or words about the tool's answer. @param {any} body */
function reply(body) {
	const messages = Array.isArray(body.messages) ? body.messages : [];
	const lastUser = messages.map((/** @type {any} */ m) => m.role).lastIndexOf('user');
	const toolAnswer = messages.slice(lastUser + 1).find((/** @type {any} */ m) => m.role === 'tool');
	if (!toolAnswer) {
		const text = textOf(messages[lastUser]);
		const args = text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1);
		const tool = (body.tools ?? [])[0]?.function?.name;
		if (!tool) return { content: 'I was given no tool to call.' };
		return { toolCall: { id: 'call_bizkithub_1', name: tool, arguments: args } };
	}
	let answer;
	try {
		answer = JSON.parse(textOf(toolAnswer));
	} catch {
		return { content: `The tool answered: ${textOf(toolAnswer)}` };
	}
	const first = Array.isArray(answer) ? answer[0] : answer;
	const issues = Array.isArray(first?.issues)
		? ` Fields to correct: ${first.issues.map((/** @type {any} */ issue) => issue.field).join(', ')}.`
		: '';
	return {
		content: `Outcome: ${first?.outcome}. Error code: ${first?.errorCode ?? 'none'}. ${first?.message ?? first?.error ?? ''}${issues}`,
	};
}

/** @param {any} body @param {ReturnType<typeof reply>} said */
function completion(body, said) {
	const message = said.toolCall
		? {
				role: 'assistant',
				content: null,
				tool_calls: [
					{
						id: said.toolCall.id,
						type: 'function',
						function: { name: said.toolCall.name, arguments: said.toolCall.arguments },
					},
				],
			}
		: { role: 'assistant', content: said.content };
	return {
		id: 'chatcmpl-fake',
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: body.model ?? 'fake-model',
		choices: [{ index: 0, message, finish_reason: said.toolCall ? 'tool_calls' : 'stop' }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

/** @param {http.ServerResponse} res @param {any} body @param {ReturnType<typeof reply>} said */
function stream(res, body, said) {
	res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
	const chunk = (/** @type {object} */ delta, /** @type {string | null} */ finish) =>
		res.write(
			`data: ${JSON.stringify({
				id: 'chatcmpl-fake',
				object: 'chat.completion.chunk',
				created: Math.floor(Date.now() / 1000),
				model: body.model ?? 'fake-model',
				choices: [{ index: 0, delta, finish_reason: finish }],
			})}\n\n`,
		);
	if (said.toolCall) {
		chunk(
			{
				role: 'assistant',
				tool_calls: [
					{
						index: 0,
						id: said.toolCall.id,
						type: 'function',
						function: { name: said.toolCall.name, arguments: said.toolCall.arguments },
					},
				],
			},
			null,
		);
		chunk({}, 'tool_calls');
	} else {
		chunk({ role: 'assistant', content: said.content }, null);
		chunk({}, 'stop');
	}
	res.end('data: [DONE]\n\n');
}

async function startFakeOpenAi() {
	/** @type {any[]} */
	const requests = [];
	const server = http.createServer((req, res) => {
		const url = req.url ?? '';
		if (req.method === 'GET' && url.endsWith('/models')) {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ object: 'list', data: [{ id: 'fake-model', object: 'model' }] }));
			return;
		}
		if (req.method !== 'POST' || !url.endsWith('/chat/completions')) {
			res.writeHead(404, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ error: { message: `no ${req.method} ${url} here` } }));
			return;
		}
		readJson(req).then(
			(body) => {
				requests.push(body);
				const said = reply(body);
				if (body.stream) return stream(res, body, said);
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify(completion(body, said)));
			},
			() => {
				res.writeHead(400);
				res.end();
			},
		);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		/** The Base URL for n8n's OpenAI credential. */
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		close: () =>
			/** @type {Promise<void>} */ (
				new Promise((resolve) => {
					server.closeAllConnections();
					server.close(() => resolve());
				})
			),
	};
}

module.exports = { startFakeOpenAi };
