import { MISBEHAVIOURS } from '../../../sandbox/misbehaviours';
import { readProjectFile } from '../../helpers/projectFiles';

test("docs/sandbox.md's table of sandbox tags lists exactly the sandbox's misbehaviours", () => {
	const readme = readProjectFile('docs/sandbox.md');
	const table = readme.slice(readme.indexOf('| tag | what the sandbox does |'));
	const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
	const documented = rows.flatMap((row) =>
		[...row.split('|')[1].matchAll(/`([a-z0-9]+)`/g)].map((m) => m[1]),
	);
	expect(documented.sort()).toEqual(Object.keys(MISBEHAVIOURS).sort());
});
