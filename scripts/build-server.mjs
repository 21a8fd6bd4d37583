/**
 * Compiles the server to one ES module, dist/server/main.js, for `npm start`: our TypeScript is
 * bundled, the packages stay imports from node_modules (native drivers, lazily loaded document
 * libraries). Running plain JavaScript instead of TypeScript through tsx's loader saves ~45 MB of
 * resident memory and the start-up transpiling (bench/README.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'dist', 'server');

fs.rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints: [path.join(ROOT, 'src/server/main.ts')],
  outfile: path.join(OUT, 'main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
// Files the server reads next to its code (`new URL('./assets/…', import.meta.url)`).
fs.cpSync(path.join(ROOT, 'src/server/db/seed/assets'), path.join(OUT, 'assets'), { recursive: true });
