import { createElement, Suspense, type ComponentType } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { lazyLoaded, loader } from '../../src/web/loadable.js';

const Hello = ({ name }: { name: string }) => createElement('p', null, `你好，${name}`);
const page = (Component: ComponentType<{ name: string }>) =>
  renderToString(createElement(Suspense, { fallback: '加载中' }, createElement(Component, { name: '申报单位' })));

// Issue 17: the editor's steps and the applicant's pages render at once when preload.ts has loaded them.
describe('lazyLoaded', () => {
  it('renders the component at once when its module has arrived, the fallback before', async () => {
    const load = loader(async () => ({ Hello }));
    const Lazy = lazyLoaded(load, (mod) => mod.Hello);
    expect(page(Lazy)).toContain('加载中');
    await load();
    // A new instance (a page opened after the preload): no fallback, no Suspense delay.
    expect(page(Lazy)).toContain('你好，申报单位');
  });

  it('imports once, and again after a failure', async () => {
    const importer = vi
      .fn<() => Promise<{ Hello: typeof Hello }>>()
      .mockRejectedValueOnce(new Error('chunk failed'))
      .mockResolvedValue({ Hello });
    const load = loader(importer);
    await expect(load()).rejects.toThrow('chunk failed');
    expect(load.loaded()).toBeUndefined();
    await load();
    await load();
    expect(importer).toHaveBeenCalledTimes(2);
    expect(load.loaded()?.Hello).toBe(Hello);
  });
});
