/**
 * Summarises a V8 CPU profile (from BENCH_PROFILE=1, i.e. node --cpu-prof on the server): self time
 * by function and by module (a package in node_modules, or a source file of ours), and the time spent
 * inside each of our source files including what they call.
 *
 *   npx tsx bench/profile.ts bench/results/profiles/<db>-<time>/<file>.cpuprofile [top=25]
 */
import fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const file = process.argv[2];
if (!file) {
  console.error('usage: npx tsx bench/profile.ts <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(process.argv[3] ?? 25);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Time per node from the sample deltas (µs).
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

function moduleOf(url: string): string {
  if (!url) return '(native / idle / gc)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return url;
  const src = url.indexOf('/src/');
  return src >= 0 ? url.slice(src + 1) : url.replace(/^file:\/\//, '');
}

const fnSelf = new Map<string, number>();
const fnInclusive = new Map<string, number>();
const modSelf = new Map<string, number>();
const ourInclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  const f = n.callFrame;
  const key = `${f.functionName || '(anonymous)'}  ${moduleOf(f.url)}:${f.lineNumber + 1}`;
  fnSelf.set(key, (fnSelf.get(key) ?? 0) + us);
  modSelf.set(moduleOf(f.url), (modSelf.get(moduleOf(f.url)) ?? 0) + us);
  // Inclusive time per source file of ours and per function: each counted once per stack.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const cf = byId.get(cur)!.callFrame;
    const m = moduleOf(cf.url);
    if (m.startsWith('src/') && !seen.has(m)) {
      seen.add(m);
      ourInclusive.set(m, (ourInclusive.get(m) ?? 0) + us);
    }
    const fk = `${cf.functionName || '(anonymous)'}  ${m}:${cf.lineNumber + 1}`;
    if (cf.url && !seen.has(fk)) {
      seen.add(fk);
      fnInclusive.set(fk, (fnInclusive.get(fk) ?? 0) + us);
    }
  }
}

const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${((100 * us) / totalUs).toFixed(1).padStart(6)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
};
console.log(`${file}: ${(totalUs / 1e6).toFixed(1)} s sampled`);
print('Self time by module', modSelf);
print('Self time by function', fnSelf);
print('Inclusive time by source file of ours', ourInclusive);
print('Inclusive time by function', fnInclusive);
