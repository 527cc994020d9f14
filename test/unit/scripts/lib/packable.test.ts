import { unwantedFiles } from '../../../../scripts/lib/packable';

test('the tarball may hold the built node and credential, their icons, and the package files', () => {
	expect(
		unwantedFiles([
			'package.json',
			'README.md',
			'LICENSE',
			'dist/index.js',
			'dist/package.json',
			'dist/nodes/BizKitHub/BizKitHub.node.js',
			'dist/nodes/BizKitHub/BizKitHub.node.d.ts',
			'dist/nodes/BizKitHub/BizKitHub.node.json',
			'dist/nodes/BizKitHub/bizkithub.svg',
			'dist/credentials/BizKitHubApi.credentials.js',
		]),
	).toEqual([]);
});

test("source maps and the README's and benchmark's images are unwanted", () => {
	expect(
		unwantedFiles([
			'dist/nodes/BizKitHub/BizKitHub.node.js',
			'dist/nodes/BizKitHub/BizKitHub.node.js.map',
			'dist/index.js.map',
			'dist/docs/editor-credential.png',
			'dist/bench/growth.svg',
			'dist/tsconfig.tsbuildinfo',
		]),
	).toEqual([
		'dist/nodes/BizKitHub/BizKitHub.node.js.map',
		'dist/index.js.map',
		'dist/docs/editor-credential.png',
		'dist/bench/growth.svg',
		'dist/tsconfig.tsbuildinfo',
	]);
});
