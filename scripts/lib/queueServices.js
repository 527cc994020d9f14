// @ts-check
'use strict';

// Redis and PostgreSQL from Debian's packages, for n8n's queue mode: installed with apt-get when
// missing (as root), started on 127.0.0.1 on free ports with throw-away data folders, stopped
// and removed by `stop()`.

const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { freePort } = require('./ports');
const { log } = require('./runtime');

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The folder of PostgreSQL's server programs (initdb, postgres), newest version first. */
function postgresBin() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const versions = fs
		.readdirSync(root)
		.filter((version) => fs.existsSync(path.join(root, version, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length > 0 ? path.join(root, versions[0], 'bin') : undefined;
}

/** Installs Debian's redis-server and postgresql packages when either is missing. */
function ensureServices() {
	const missing = [
		fs.existsSync('/usr/bin/redis-server') ? undefined : 'redis-server',
		postgresBin() ? undefined : 'postgresql',
	].filter((name) => name !== undefined);
	if (missing.length === 0) return;
	if (!isRoot) {
		throw new Error(`${missing.join(' and ')} missing: sudo apt-get install ${missing.join(' ')}`);
	}
	log(`installing ${missing.join(' and ')} with apt-get (once)`);
	/** @type {import('node:child_process').ExecFileSyncOptions} */
	const apt = {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	};
	execFileSync('apt-get', ['update', '-qq'], apt);
	execFileSync('apt-get', ['install', '-y', '-qq', ...missing], apt);
}

/**
 * Waits until `check` says yes, or throws after `timeoutMs`.
 * @param {() => boolean | Promise<boolean>} check
 * @param {string} what
 */
async function waitFor(check, what, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check()) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

/**
 * Runs a program as the postgres user when this is root (PostgreSQL refuses to run as root).
 * @param {string} program
 * @param {string[]} args
 */
function asPostgres(program, args) {
	return isRoot ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
}

/** Starts Redis and PostgreSQL; returns their ports and `stop()`. */
async function startServices() {
	ensureServices();
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bizkithub-queue-'));
	/** @type {import('node:child_process').ChildProcess[]} */
	const started = [];
	const stop = async () => {
		for (const child of started) if (child.exitCode === null) child.kill('SIGTERM');
		await Promise.all(
			started.map(
				(child) =>
					new Promise((resolve) => {
						if (child.exitCode !== null || child.signalCode !== null) return resolve(undefined);
						const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
						child.once('exit', () => {
							clearTimeout(timer);
							resolve(undefined);
						});
					}),
			),
		);
		fs.rmSync(folder, { recursive: true, force: true });
	};
	try {
		const redisPort = await freePort();
		const redisDir = path.join(folder, 'redis');
		fs.mkdirSync(redisDir);
		const redis = spawn(
			'redis-server',
			[
				'--port',
				String(redisPort),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
				'--dir',
				redisDir,
			],
			{ stdio: 'ignore' },
		);
		started.push(redis);

		const bin = /** @type {string} */ (postgresBin());
		const pgData = path.join(folder, 'postgres');
		fs.mkdirSync(pgData, { mode: 0o700 });
		if (isRoot) {
			fs.chmodSync(folder, 0o755);
			execFileSync('chown', ['postgres:postgres', pgData]);
		}
		const [initdb, initArgs] = asPostgres(path.join(bin, 'initdb'), [
			'-D',
			pgData,
			'--username=n8n',
			'--auth=trust',
			'--encoding=UTF8',
			'--no-sync',
		]);
		execFileSync(/** @type {string} */ (initdb), /** @type {string[]} */ (initArgs), {
			stdio: 'ignore',
		});
		const postgresPort = await freePort();
		const [postgres, postgresArgs] = asPostgres(path.join(bin, 'postgres'), [
			'-D',
			pgData,
			'-p',
			String(postgresPort),
			'-h',
			'127.0.0.1',
			'-k',
			pgData,
			'-c',
			'fsync=off',
		]);
		started.push(
			spawn(/** @type {string} */ (postgres), /** @type {string[]} */ (postgresArgs), {
				stdio: 'ignore',
			}),
		);
		const [isReady, readyArgs] = asPostgres(path.join(bin, 'pg_isready'), [
			'-h',
			'127.0.0.1',
			'-p',
			String(postgresPort),
		]);
		await waitFor(() => {
			try {
				execFileSync(/** @type {string} */ (isReady), /** @type {string[]} */ (readyArgs), {
					stdio: 'ignore',
				});
				return true;
			} catch {
				return false;
			}
		}, 'PostgreSQL');
		await waitFor(() => {
			try {
				return (
					execFileSync('redis-cli', ['-p', String(redisPort), 'ping'], {
						encoding: 'utf8',
					}).trim() === 'PONG'
				);
			} catch {
				return false;
			}
		}, 'Redis');
		log(`Redis on 127.0.0.1:${redisPort}, PostgreSQL on 127.0.0.1:${postgresPort}`);
		/** Runs one SQL query on n8n's database; the rows, columns joined by '|'. @param {string} query */
		const sql = (query) =>
			execFileSync(
				'psql',
				[
					'-h',
					'127.0.0.1',
					'-p',
					String(postgresPort),
					'-U',
					'n8n',
					'-d',
					'postgres',
					'-At',
					'-c',
					query,
				],
				{ encoding: 'utf8' },
			)
				.split('\n')
				.filter((line) => line !== '');
		return { redisPort, postgresPort, sql, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { ensureServices, startServices };
