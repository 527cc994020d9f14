/**
 * The progress line of a long install step must move while the step works: what npm has fetched
 * while nothing is in node_modules yet, and which step of the sqlite3 build is running.
 */
import { buildProgress, installProgress } from '../../../../scripts/lib/installProgress';

const described = (name: string) =>
	`npm http fetch GET 200 https://registry.npmjs.org/${name} 65ms (cache miss)`;
const fetched = (name: string, version: string) =>
	`npm http fetch GET 200 https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz 80ms (cache miss)`;
const cached = (name: string, version: string) =>
	`npm http cache ${name}@https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz 0ms (cache hit)`;

test('an install says what it has fetched, first descriptions, then archives (from the network or the cache), each once', () => {
	expect(installProgress('')).toBe('resolving what to install');
	const resolving = [described('n8n'), described('@n8n/config'), described('express')];
	expect(installProgress(resolving.join('\n'))).toBe(
		'working out what to install: 3 package descriptions fetched',
	);
	const unpacking = [
		...resolving,
		fetched('n8n', '2.41.1'),
		cached('@n8n/config', '2.1.0'),
		cached('@n8n/config', '2.1.0'),
		'npm warn deprecated something',
	];
	expect(installProgress(unpacking.join('\n'))).toBe(
		"unpacking: 2 package archives fetched or found in npm's cache",
	);
});

// What `npm rebuild sqlite3 --foreground-scripts` printed on this machine, compiler warnings cut.
const BUILD = [
	'gyp info spawn make',
	'  CC(target) Release/obj.target/nothing/../node-addon-api/nothing.o',
	'  AR(target) Release/obj.target/../node-addon-api/nothing.a',
	'  COPY Release/nothing.a',
	'  ACTION deps_sqlite3_gyp_action_before_build_target_unpack_sqlite_dep Release/obj/gen/sqlite-autoconf-3440200/sqlite3.c',
	'  TOUCH Release/obj.target/deps/action_before_build.stamp',
	'  CC(target) Release/obj.target/sqlite3/gen/sqlite-autoconf-3440200/sqlite3.o',
	'Release/obj/gen/sqlite-autoconf-3440200/sqlite3.c:95855:50: warning: this statement may fall through',
	'  AR(target) Release/obj.target/deps/sqlite3.a',
	'  COPY Release/sqlite3.a',
	'  CXX(target) Release/obj.target/node_sqlite3/src/backup.o',
	'  CXX(target) Release/obj.target/node_sqlite3/src/database.o',
	'  CXX(target) Release/obj.target/node_sqlite3/src/node_sqlite3.o',
	'  CXX(target) Release/obj.target/node_sqlite3/src/statement.o',
	'  SOLINK_MODULE(target) Release/obj.target/node_sqlite3.node',
	'  COPY Release/node_sqlite3.node',
];
const upTo = (line: string) => BUILD.slice(0, BUILD.indexOf(line) + 1).join('\n');

test('the sqlite3 build says which of its steps runs, the long one by name', () => {
	expect(buildProgress('gyp info it worked if it ends with ok', 14)).toBe(
		'configuring the build (node-gyp)',
	);
	expect(buildProgress(upTo(BUILD[6]), 14)).toBe(
		'step 6 of 14: compiling SQLite itself (sqlite3.c), the longest step',
	);
	expect(buildProgress(upTo(BUILD[12]), 14)).toBe('step 11 of 14: compiling node_sqlite3.cc');
	expect(buildProgress(upTo(BUILD[14]), 14)).toBe('step 13 of 14: linking');
	// A whole build prints as many steps as runtime.js expects of it.
	expect(buildProgress(BUILD.join('\n'), 14)).toBe('step 14 of 14: copy node_sqlite3.node');
});
