/**
 * Every command the documentation gives to install the package with npm does what n8n does when
 * it installs a community package: scripts off, peer dependencies left out (n8n provides them).
 * The README's own command is also run for real, into n8n (test/e2e/readmeInstall.e2e.test.ts).
 */
import { installCommand, TARBALL_PLACEHOLDER } from '../../../scripts/lib/installCommand';
import { projectFilesEndingWith, readProjectFile } from '../../helpers/projectFiles';

/** `npm install <flags> <something naming the package>` in a text, whitespace and `\` line breaks folded. */
function npmInstalls(text: string) {
	const folded = text.replace(/\\\n/g, ' ').replace(/\s+/g, ' ');
	return [
		...folded.matchAll(/npm (?:install|i) ((?:--?[\w-]+(?:=\S+)? )*)(\S*n8n-nodes-bizkithub\S*)/g),
	].map(([, flags, target]) => ({
		flags: flags.trim().split(' '),
		target: target.replace(/[`,.;]+$/, ''),
	}));
}

const documents = projectFilesEndingWith(['.md', '.yml', '.yaml', 'Dockerfile']);
const commands = documents.flatMap((file) =>
	npmInstalls(readProjectFile(file)).map((command) => ({ file, ...command })),
);

// docs/docker-compose.yml declares the package in the environment instead (declaration.test.ts).
test('the documentation gives npm install commands for the package (tarball, released, queue mode)', () => {
	expect(new Set(commands.map(({ file }) => file))).toEqual(
		new Set(['README.md', 'docs/queue-mode.md']),
	);
	expect(commands.length).toBeGreaterThanOrEqual(4);
});

test.each(commands.map((command) => [`${command.file}: ${command.target}`, command]))(
	'%s installs with scripts off and without peer dependencies',
	(_, { flags }) => {
		expect(flags).toEqual(expect.arrayContaining(['--ignore-scripts', '--legacy-peer-deps']));
	},
);

test("the README's tarball command is the one `npm run pack` prints", () => {
	expect(readProjectFile('README.md')).toContain(installCommand(TARBALL_PLACEHOLDER));
});

test('finds the flags it checks, and misses them when they are not there', () => {
	expect(npmInstalls('cd x && npm install \\\n  --ignore-scripts n8n-nodes-bizkithub')).toEqual([
		{ flags: ['--ignore-scripts'], target: 'n8n-nodes-bizkithub' },
	]);
	expect(npmInstalls('`npm install\nn8n-nodes-bizkithub`')).toEqual([
		{ flags: [''], target: 'n8n-nodes-bizkithub' },
	]);
});
