import fs from 'node:fs';
import path from 'node:path';
import type { SealHead } from './seal.js';

/**
 * Where seal heads are copied outside the database. A copy kept elsewhere is what makes a rollback
 * of the last seals, or the deletion of everything, detectable: the database can no longer show a
 * seal the anchors hold. Implementations append only.
 */
export interface AnchorSink {
  readonly name: string;
  /** Appends seal heads (in id order); appending a seal already anchored is harmless. */
  append(seals: readonly SealHead[]): Promise<void>;
  /** Every anchored seal head, in id order (a repeated identical head once; differing copies of one id all). */
  readAll(): Promise<SealHead[]>;
  /** The highest anchored seal id, or null. */
  lastId(): Promise<number | null>;
}

const DAY_FILE = /^\d{4}-\d{2}-\d{2}\.jsonl$/;

/**
 * AUDIT_ANCHOR_DIR: one JSON line per seal, one file per day (UTC date of sealing), opened in append
 * mode and synced. A province keeps a copy by pulling the directory (rsync, or any file transfer)
 * to a machine the platform's operators cannot write.
 */
export class FileAnchorSink implements AnchorSink {
  readonly name: string;
  constructor(private readonly dir: string) {
    this.name = `file:${dir}`;
  }

  async append(seals: readonly SealHead[]): Promise<void> {
    if (seals.length === 0) return;
    await fs.promises.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const byDay = new Map<string, string[]>();
    for (const s of seals) {
      const day = s.sealed_at.slice(0, 10);
      byDay.set(day, [...(byDay.get(day) ?? []), JSON.stringify(s)]);
    }
    for (const [day, lines] of byDay) {
      const fh = await fs.promises.open(path.join(this.dir, `${day}.jsonl`), 'a', 0o600);
      try {
        await fh.write(lines.join('\n') + '\n');
        await fh.sync();
      } finally {
        await fh.close();
      }
    }
  }

  private async files(): Promise<string[]> {
    try {
      return (await fs.promises.readdir(this.dir)).filter((f) => DAY_FILE.test(f)).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }

  private async linesOf(file: string): Promise<SealHead[]> {
    const text = await fs.promises.readFile(path.join(this.dir, file), 'utf8');
    const out: SealHead[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as SealHead);
      } catch {
        // A torn last line (a crash mid-write) is skipped; the seal is appended again.
      }
    }
    return out;
  }

  async readAll(): Promise<SealHead[]> {
    const byId = new Map<number, SealHead>();
    for (const f of await this.files()) for (const s of await this.linesOf(f)) byId.set(Number(s.id), s);
    return [...byId.values()].sort((a, b) => a.id - b.id);
  }

  async lastId(): Promise<number | null> {
    const files = await this.files();
    for (let i = files.length - 1; i >= 0; i--) {
      const seals = await this.linesOf(files[i]!);
      if (seals.length) return Math.max(...seals.map((s) => Number(s.id)));
    }
    return null;
  }
}

/**
 * The anchor directory and, with AUDIT_ANCHOR_S3_BUCKET, the Object Lock bucket: every seal head goes
 * to each (a sink that failed is caught up at the next sealing, as it is behind); verification
 * compares the database with the heads of every sink.
 */
export class TeeAnchorSink implements AnchorSink {
  readonly name: string;
  constructor(private readonly sinks: readonly AnchorSink[]) {
    this.name = sinks.map((s) => s.name).join(' + ');
  }

  async append(seals: readonly SealHead[]): Promise<void> {
    const results = await Promise.allSettled(this.sinks.map((s) => s.append(seals)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async readAll(): Promise<SealHead[]> {
    const seen = new Set<string>();
    const out: SealHead[] = [];
    for (const sink of this.sinks)
      for (const s of await sink.readAll()) {
        const k = `${s.id}:${s.hash}`;
        if (seen.has(k)) continue;
        seen.add(k);
        out.push(s);
      }
    return out.sort((a, b) => a.id - b.id);
  }

  /** The lowest of the sinks' last ids: the seals after it are appended again to whichever is behind. */
  async lastId(): Promise<number | null> {
    const ids = await Promise.all(this.sinks.map((s) => s.lastId()));
    if (ids.some((id) => id === null)) return null;
    return Math.min(...(ids as number[]));
  }
}
