import fs from 'node:fs';
import { transform } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * src/web/boot.ts as a script of its own, ahead of the app (a module script listed in index.html would
 * be merged into the entry and run only once all of the entry's chunks have arrived): an async classic
 * script, run as soon as it has arrived (a deferred one waits for the style sheets), long before the
 * entry module and its chunks.
 */
function bootScript(): Plugin {
  return {
    name: 'msf-boot-script',
    apply: 'build',
    async generateBundle() {
      const source = fs.readFileSync('src/web/boot.ts', 'utf8');
      const { code } = await transform(source, { loader: 'ts', format: 'iife', minify: true, target: 'es2020' });
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
