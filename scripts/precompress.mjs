/**
 * After `vite build`: writes a Brotli (.br) and a gzip (.gz) twin of every text asset in dist/web, so the
 * server sends the smallest encoding the browser accepts without compressing on each request
 * (@fastify/static's `preCompressed`). Hashed assets never change, so this is done once per build.
 * Small files too (the bundler's shared chunks of a few hundred bytes are a third of the scripts a page
 * loads); a twin is written only where it is smaller than the file, otherwise the file is sent as is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

// The built web app, or the folder given as the first argument (the tests).
const ROOT = process.argv[2] ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'web');
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

let files = 0;
let raw = 0;
let br = 0;
for (const file of walk(ROOT)) {
  if (!COMPRESSIBLE.test(file)) continue;
  const data = fs.readFileSync(file);
  const brotli = zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  const gzip = zlib.gzipSync(data, { level: 9 });
  if (brotli.length < data.length) fs.writeFileSync(`${file}.br`, brotli);
  if (gzip.length < data.length) fs.writeFileSync(`${file}.gz`, gzip);
  files += 1;
  raw += data.length;
  br += Math.min(brotli.length, data.length);
}
console.log(`precompress: ${files} files, ${Math.round(raw / 1024)} KB → ${Math.round(br / 1024)} KB with Brotli`);
