import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The house rule (README, ARCHITECTURE.md): no source file over 400 lines — split it by concern. */
const MAX_LINES = 400;
const root = join(import.meta.dirname, '..', '..');

/** Lines as `wc -l` counts them (a final newline ends the last line, it does not start another). */
const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|tsx|css)$/.test(e.name) ? [path] : [];
  });
}

describe('source files', () => {
  it(`under src/ have at most ${MAX_LINES} lines each`, () => {
    const files = sources(join(root, 'src'));
    expect(files.length).toBeGreaterThan(100);
    const tooLong = files
      .map((f) => ({ file: relative(root, f), lines: lineCount(readFileSync(f, 'utf8')) }))
      .filter((f) => f.lines > MAX_LINES);
    expect(tooLong).toEqual([]);
  });
});
