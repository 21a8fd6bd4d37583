import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = path.resolve(import.meta.dirname, '../../scripts/precompress.mjs');

/**
 * scripts/precompress.mjs (run by `npm run build`): every text asset gets Brotli and gzip twins where
 * they are smaller. The bundler's shared chunks of a few hundred bytes were skipped (under 1 KB) and
 * sent uncompressed: a third of the scripts of the login page (issue 17, "encoding": "br,identity").
 */
describe('precompress', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'msf-precompress-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes twins of small chunks, and none where compression would not make a file smaller', () => {
    fs.mkdirSync(path.join(dir, 'assets'));
    // A small shared chunk as the bundler writes them (about 600 bytes).
    const small = `import{a as e}from"./index-abc.js";${'var t=e("专业化众创空间"),n=e(t);'.repeat(16)}export{n as t};`;
    fs.writeFileSync(path.join(dir, 'assets', 'small-abc.js'), small);
    fs.writeFileSync(path.join(dir, 'assets', 'tiny-abc.js'), 'x');
    fs.writeFileSync(path.join(dir, 'assets', 'logo.png'), small);
    execFileSync(process.execPath, [SCRIPT, dir], { stdio: 'pipe' });

    expect(small.length).toBeLessThan(1024);
    const br = fs.readFileSync(path.join(dir, 'assets', 'small-abc.js.br'));
    expect(br.length).toBeLessThan(small.length);
    expect(zlib.brotliDecompressSync(br).toString()).toBe(small);
    expect(zlib.gunzipSync(fs.readFileSync(path.join(dir, 'assets', 'small-abc.js.gz'))).toString()).toBe(small);
    // One byte compresses to more than one byte: the file itself is sent.
    expect(fs.existsSync(path.join(dir, 'assets', 'tiny-abc.js.br'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'assets', 'tiny-abc.js.gz'))).toBe(false);
    // Not a text asset.
    expect(fs.existsSync(path.join(dir, 'assets', 'logo.png.br'))).toBe(false);
  });
});
