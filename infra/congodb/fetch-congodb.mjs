// Runs after `npm ci` (postinstall): fetches CongoDB's compiled sources from the pinned
// @push.rocks/smartmongo tarball into vendor/congodb. The package itself cannot be a dependency
// (it pulls in mongodb-memory-server, which downloads a mongod binary at install), so it is
// `npm pack`ed from the same registry npm ci uses, its integrity checked against the pin below,
// and only dist_ts/congodb (MIT, see vendor/congodb/LICENSE) is kept. Nothing is patched here:
// shim.mjs adjusts CongoDB at start-up (see README.md).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = '@push.rocks/smartmongo@2.2.0';
const integrity = 'sha512-ovVCNoJ3D0aBuKtoKaQWWQKvBngaGJq9fAPQigzji1EHsS1XyGpXWCpe5nq/ptGvBROOcpqZcOFEGAcrnb+OjA==';

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, 'vendor', 'congodb');
const stamp = join(target, '.fetched');

if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === `${pkg} ${integrity}`) {
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'hub-congodb-'));
try {
  // npm_execpath is npm's own CLI when run as a lifecycle script; plain `npm` otherwise.
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
  const output = execFileSync(npm[0], [...npm.slice(1), 'pack', pkg, '--pack-destination', work, '--json', '--silent'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [{ filename }] = JSON.parse(output);
  const tarball = join(work, filename);
  const actual = 'sha512-' + createHash('sha512').update(readFileSync(tarball)).digest('base64');
  if (actual !== integrity) {
    throw new Error(`${pkg}: integrity ${actual} differs from the pinned ${integrity}`);
  }

  execFileSync('tar', ['-xzf', tarball, '-C', work, 'package/dist_ts/congodb', 'package/license']);
  rmSync(join(here, 'vendor'), { recursive: true, force: true });
  cpSync(join(work, 'package', 'dist_ts', 'congodb'), target, { recursive: true });
  cpSync(join(work, 'package', 'license'), join(target, 'LICENSE'));
  writeFileSync(stamp, `${pkg} ${integrity}\n`);
  console.log(`CongoDB from ${pkg} is in ${target}`);
} catch (error) {
  console.error(`Could not fetch CongoDB from ${pkg}: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
