import { startupNoticeFilter } from '../../../../scripts/lib/n8nNotices';

const shown = (lines: string[]) => {
	const filter = startupNoticeFilter();
	return lines.flatMap((line) => filter(line));
};

const RUNNER_MODE =
	' - N8N_RUNNERS_MODE -> Internal task runner mode is deprecated and will be removed in a future version.';

test('drops the Python runner notice and a deprecation notice that only names the runner mode', () => {
	expect(
		shown([
			'n8n ready on 127.0.0.1, port 5678',
			'Failed to start Python task runner in internal mode. because its virtual environment is missing from this system.',
			'',
			'There are deprecations related to your n8n setup. Please take the recommended actions to update your configuration:',
			RUNNER_MODE,
			'',
			'Version: 2.41.1',
			'Editor is now accessible via:',
		]),
	).toEqual([
		'n8n ready on 127.0.0.1, port 5678',
		'Version: 2.41.1',
		'Editor is now accessible via:',
	]);
});

test('drops the notice n8n words in the singular when the runner mode is its one deprecation', () => {
	expect(
		shown([
			'n8n ready on 127.0.0.1, port 5678',
			'',
			'There is a deprecation related to your n8n setup. Please take the recommended actions to update your configuration:',
			RUNNER_MODE,
			'',
			'Version: 2.41.1',
		]),
	).toEqual(['n8n ready on 127.0.0.1, port 5678', 'Version: 2.41.1']);
});

test('keeps every other deprecation, under its header', () => {
	expect(
		shown([
			'',
			'There are deprecations related to your n8n setup. Please take the recommended actions to update your configuration:',
			' - N8N_SOMETHING -> do this instead',
			RUNNER_MODE,
			'Version: 2.41.1',
		]),
	).toEqual([
		'',
		'There are deprecations related to your n8n setup. Please take the recommended actions to update your configuration:',
		' - N8N_SOMETHING -> do this instead',
		'Version: 2.41.1',
	]);
});

test('passes errors and blank lines elsewhere through unchanged', () => {
	const lines = [
		'Error: something broke',
		'',
		'    at somewhere (file.js:1:1)',
		'Python is mentioned here',
	];
	expect(shown(lines)).toEqual(lines);
});
