import fs from 'node:fs';
import path from 'node:path';
import { transform } from 'esbuild';
import { defineConfig, type Plugin, type Rollup } from 'vite';
import react from '@vitejs/plugin-react';

/** The modules whose chunks boot.ts preloads by address (src/web/boot.ts, RoutePreloads). */
const ROUTE_MODULES = {
  layout: 'src/web/layout/AppLayout.tsx',
  applicant: 'src/web/roleRoutes/applicant.tsx',
  steps: [
    'src/web/forms/BasicInfoForm.tsx',
    'src/web/pages/applicant/steps/NarrativeStep.tsx',
    'src/web/pages/applicant/steps/FilesStep.tsx',
    'src/web/pages/applicant/steps/ProvincialStep.tsx',
    'src/web/pages/applicant/steps/PledgeStep.tsx',
  ],
};

/**
 * The files (scripts and style sheets, as addresses) of the chunk built from `module` and of every
 * chunk it imports statically, except those the entry loads already.
 */
function chunkFiles(bundle: Rollup.OutputBundle, module: string, entryFiles: Set<string>): string[] {
  const chunks = Object.values(bundle).filter((f): f is Rollup.OutputChunk => f.type === 'chunk');
  // The chunk holding the module (its own, or a shared one when it is imported statically elsewhere too).
  const start = chunks.find((c) => c.moduleIds.includes(path.resolve(module)));
  if (!start) throw new Error(`no chunk for ${module}`);
  const files = new Set<string>();
  const visit = (chunk: Rollup.OutputChunk) => {
    if (files.has(chunk.fileName) || entryFiles.has(chunk.fileName)) return;
    const css = chunk.viteMetadata?.importedCss ?? new Set<string>();
    // A chunk of style sheets only is dropped by Vite after this (they go to the chunks importing it).
    if (chunk.code.trim() !== '' || css.size === 0) files.add(chunk.fileName);
    for (const sheet of css) files.add(sheet);
    for (const name of chunk.imports) {
      const imported = bundle[name];
      if (imported?.type === 'chunk') visit(imported);
    }
  };
  visit(start);
  return [...files].map((f) => `/${f}`);
}

/** The entry's chunk and those it imports statically (loaded by every page). */
function entryFiles(bundle: Rollup.OutputBundle): Set<string> {
  const files = new Set<string>();
  const visit = (chunk: Rollup.OutputChunk) => {
    if (files.has(chunk.fileName)) return;
    files.add(chunk.fileName);
    for (const name of chunk.imports) visit(bundle[name] as Rollup.OutputChunk);
  };
  for (const f of Object.values(bundle)) if (f.type === 'chunk' && f.isEntry) visit(f);
  return files;
}

/**
 * src/web/boot.ts as a script of its own, ahead of the app (a module script listed in index.html would
 * be merged into the entry and run only once all of the entry's chunks have arrived): an async classic
 * script, run as soon as it has arrived (a deferred one waits for the style sheets), long before the
 * entry module and its chunks. It is given the addresses of the chunks of the pages it preloads.
 */
function bootScript(): Plugin {
  return {
    name: 'msf-boot-script',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const source = fs.readFileSync('src/web/boot.ts', 'utf8');
      const entry = entryFiles(bundle);
      const preloads = {
        layout: chunkFiles(bundle, ROUTE_MODULES.layout, entry),
        applicant: chunkFiles(bundle, ROUTE_MODULES.applicant, entry),
        steps: ROUTE_MODULES.steps.map((m) => chunkFiles(bundle, m, entry)),
      };
      const { code } = await transform(source, {
        loader: 'ts',
        format: 'iife',
        minify: true,
        target: 'es2020',
        define: { __MSF_ROUTE_PRELOADS__: JSON.stringify(preloads) },
      });
      this.emitFile({ type: 'asset', name: 'boot.js', source: code });
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const boot = Object.values(ctx.bundle ?? {}).find((f) => f.type === 'asset' && f.names.includes('boot.js'));
        if (!boot) throw new Error('boot.js was not emitted');
        return [{ tag: 'script', attrs: { async: true, src: `/${boot.fileName}` }, injectTo: 'head-prepend' }];
      },
    },
  };
}

export default defineConfig({
  root: 'src/web',
  plugins: [react(), bootScript()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        // Everything the entry imports statically is loaded by every page anyway: one chunk, not two
        // dozen (each a request, six at a time over HTTP/1.1, 40 ms apiece on a slow line).
        codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] },
      },
    },
  },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000', '/verify': 'http://localhost:3000' } },
});
