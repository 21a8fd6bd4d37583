/**
 * antd's styles as a static style sheet (antd's documented zero-runtime mode: `theme.zeroRuntime` with
 * `antd/dist/antd.css`), so antd no longer generates the CSS of every component while the first page
 * renders (0.3–0.4 s of the applicant editor's first render, issue 17).
 *
 * antd.css is written for the default theme, but its rules read the theme through CSS variables; the
 * variables themselves (`.css-var-…` rules, the default theme's colours) are dropped here, because the
 * ConfigProvider still registers them at run time for our theme (src/web/theme.ts). At build, the rules of
 * antd components that are not in the bundle are dropped as well (a rule is dropped only when every antd
 * class it names belongs to a component missing from the bundle; rules naming no component, e.g.
 * animations, stay). The sheet is a hashed asset (immutable, precompressed like the scripts) linked
 * first in <head>, so the app's own styles.css still comes after it.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);
const ANTD_ES = path.join(path.dirname(require.resolve('antd/package.json')), 'es');
const ANTD_CSS = path.join(path.dirname(ANTD_ES), 'dist', 'antd.css');
/** The component folders of antd/es whose class prefix is not `ant-<folder>`. */
const PREFIXES: Record<string, string[]> = {
  button: ['btn'],
  'date-picker': ['picker'],
  'time-picker': ['picker'],
  'float-button': ['float-btn'],
  grid: ['row', 'col'],
  'color-picker': ['color-picker'],
};
const DEV_PATH = '/antd.css';

/** The top-level blocks of a style sheet (a rule, or an at-rule with its body). */
function blocks(css: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < css.length; i += 1) {
    if (css[i] === '{') depth += 1;
    else if (css[i] === '}' && --depth === 0) {
      out.push(css.slice(start, i + 1));
      start = i + 1;
    }
  }
  return out;
}

/** The parts of `text` between commas outside parentheses (the selectors of a selector list). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '(') depth += 1;
    else if (text[i] === ')') depth -= 1;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * Whether a selector can match in the app: not when it requires a class of a component that is not in
 * the bundle (no element carries that class). Classes inside parentheses (:not, :has, :is, :where) are
 * ignored, which keeps more than needed rather than less.
 */
function mayMatch(selector: string, componentUsed: (cls: string) => boolean): boolean {
  let outside = '';
  let depth = 0;
  for (const ch of selector) {
    if (ch === '(') depth += 1;
    else if (ch === ')') depth -= 1;
    else if (depth === 0) outside += ch;
  }
  return [...outside.matchAll(/\.ant-([a-z0-9-]+)/g)].every((m) => componentUsed(m[1] ?? ''));
}

/** antd's component class prefixes (`ant-<prefix>`) by component folder. */
function componentPrefixes(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const entry of fs.readdirSync(ANTD_ES, { withFileTypes: true })) {
    if (!entry.isDirectory() || !fs.existsSync(path.join(ANTD_ES, entry.name, 'style'))) continue;
    map.set(entry.name, PREFIXES[entry.name] ?? [entry.name]);
  }
  return map;
}

/**
 * antd.css without the default theme's variables and, given the component folders in the bundle, without
 * the rules of the components the app does not use.
 */
export function antdStyleSheet(usedFolders?: ReadonlySet<string>): string {
  const byPrefix = new Map<string, boolean>(); // prefix → used
  for (const [folder, prefixes] of componentPrefixes()) {
    for (const p of prefixes) byPrefix.set(p, (byPrefix.get(p) ?? false) || !usedFolders || usedFolders.has(folder));
  }
  const known = [...byPrefix.keys()].sort((a, b) => b.length - a.length);
  /** The component of a class: the longest prefix it starts with (`ant-input-number-…` → input-number). */
  const componentUsed = (cls: string): boolean => {
    const p = known.find((k) => cls === k || cls.startsWith(`${k}-`));
    return p === undefined || byPrefix.get(p) === true;
  };
  const keep = (block: string): string => {
    const open = block.indexOf('{');
    const head = block.slice(0, open);
    if (head.startsWith('@media') || head.startsWith('@supports') || head.startsWith('@container')) {
      const inner = blocks(block.slice(open + 1, -1))
        .map(keep)
        .join('');
      return inner ? `${head}{${inner}}` : '';
    }
    if (head.startsWith('@')) return block;
    if (head.includes('.css-var-') || head.includes('cssinjs-cache-path')) return '';
    return splitTopLevel(head).some((selector) => mayMatch(selector, componentUsed)) ? block : '';
  };
  return blocks(fs.readFileSync(ANTD_CSS, 'utf8')).map(keep).join('');
}

export function antdStaticCss(): Plugin {
  let fileName = '';
  return {
    name: 'msf-antd-static-css',
    configureServer(server) {
      // Development: the whole sheet (no bundle to take the components from).
      server.middlewares.use(DEV_PATH, (_req, res) => {
        res.setHeader('content-type', 'text/css');
        res.end(antdStyleSheet());
      });
    },
    generateBundle(_options, bundle) {
      const used = new Set<string>();
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        for (const [id, mod] of Object.entries(file.modules)) {
          const folder = /[\\/]node_modules[\\/]antd[\\/]es[\\/]([a-z-]+)[\\/]/.exec(id)?.[1];
          if (folder && mod.renderedLength > 0) used.add(folder);
        }
      }
      if (!used.has('button')) throw new Error('antd static CSS: no antd component found in the bundle');
      const ref = this.emitFile({ type: 'asset', name: 'antd.css', source: antdStyleSheet(used) });
      fileName = this.getFileName(ref);
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const href = ctx.server ? DEV_PATH : `/${fileName}`;
        if (!ctx.server && !fileName) throw new Error('antd static CSS was not emitted');
        return [{ tag: 'link', attrs: { rel: 'stylesheet', href }, injectTo: 'head-prepend' }];
      },
    },
  };
}
