/** B4 documents: the application PDF, the 汇总表 and the dispatch package under load. */
import { APPLICATION_STATUSES } from '../src/domain/workflow.js';
import { cpuMsOf, memoryOf, RssSampler } from './lib/proc.js';
import { CURRENT_BATCH, type SeedResult } from './lib/seed.js';
import { median, round } from './lib/stats.js';
import { type BenchResult } from './lib/report.js';
import { HOST, log } from './lib/settings.js';
import type { Ctx } from './lib/measure.js';
import { jsonHeaders, type Sessions } from './lib/sessions.js';

export async function benchDocuments(ctx: Ctx, seeded: SeedResult, sessions: Sessions): Promise<BenchResult['b4']> {
  const base = `http://${HOST}:${ctx.server.port}`;
  const openapi = (await (await fetch(`${base}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
  const has = (p: string) => Object.keys(openapi.paths).some((k) => k === p);
  const routes = {
    pdf: has('/api/applications/{id}/pdf'),
    xlsx: has('/api/exports/applications.xlsx'),
    zip: has('/api/dispatches/{id}/package.zip'),
  };
  const reviewer = sessions.byUser.get(seeded.reviewer.username)!;
  const out: BenchResult['b4'] = { routes };

  if (routes.pdf) {
    const times: number[] = [];
    let bytes = 0;
    const sampler = new RssSampler(ctx.server.pid).start();
    let cpu = 0;
    for (let i = 0; i <= seeded.pdfAppIds.length; i++) {
      const cpu0 = cpuMsOf(ctx.server.pid);
      const id = seeded.pdfAppIds[i % seeded.pdfAppIds.length]!;
      const t0 = performance.now();
      const res = await fetch(`${base}/api/applications/${id}/pdf`, { headers: { cookie: reviewer.cookie } });
      const body = Buffer.from(await res.arrayBuffer());
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`B4 pdf: ${res.status} ${body.toString('utf8').slice(0, 300)}`);
      if (i > 0) {
        times.push(ms); // the first warms the font cache
        cpu += cpuMsOf(ctx.server.pid) - cpu0;
      }
      bytes = body.length;
    }
    out.pdf = {
      count: times.length,
      medianMs: round(median(times), 0),
      maxMs: round(Math.max(...times), 0),
      serverCpuMsEach: round(cpu / times.length, 0),
      bytes,
      serverPeakRssMb: round(sampler.stop(), 0),
    };
    log(
      `B4 PDF: median ${round(median(times), 0)} ms over ${times.length} (${(bytes / 1024).toFixed(0)} KB), server CPU ${round(cpu / times.length, 0)} ms each`,
    );
  } else log('B4 PDF: not available (no GET /api/applications/{id}/pdf)');

  if (routes.xlsx) {
    const officer = sessions.byUser.get(seeded.provinceOfficer.username)!;
    // A province's applications of this year after submission (the queue's all tab): ~5,000 at 100,000.
    const statuses = APPLICATION_STATUSES.filter((x) => x !== 'draft' && x !== 'withdrawn').join(',');
    const url = `${base}/api/exports/applications.xlsx?batchId=${CURRENT_BATCH}&status=${statuses}`;
    const rssBefore = memoryOf(ctx.server.pid).rssMb;
    const sampler = new RssSampler(ctx.server.pid, 20).start();
    const cpu0 = cpuMsOf(ctx.server.pid);
    const t0 = performance.now();
    const res = await fetch(url, { headers: { cookie: officer.cookie } });
    const body = Buffer.from(await res.arrayBuffer());
    const seconds = (performance.now() - t0) / 1000;
    const cpu = (cpuMsOf(ctx.server.pid) - cpu0) / 1000;
    const peak = sampler.stop();
    if (res.status !== 200) throw new Error(`B4 xlsx: ${res.status} ${body.toString('utf8').slice(0, 300)}`);
    const rows = await countXlsxRows(body);
    out.xlsx = {
      rows,
      seconds: round(seconds, 2),
      serverCpuSeconds: round(cpu, 2),
      bytes: body.length,
      serverRssBeforeMb: round(rssBefore, 0),
      serverPeakRssMb: round(peak, 0),
    };
    log(
      `B4 汇总表: ${rows} rows in ${seconds.toFixed(2)} s (server CPU ${cpu.toFixed(2)} s), ${(body.length / 1024 / 1024).toFixed(1)} MB, server RSS ${rssBefore.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB`,
    );
  } else log('B4 汇总表: not available (no GET /api/exports/applications.xlsx)');

  if (routes.zip) {
    const created = await fetch(`${base}/api/dispatches`, {
      method: 'POST',
      headers: jsonHeaders(reviewer),
      body: JSON.stringify({
        applicationIds: seeded.recommendedAppIds,
        letter: '现将我市推荐的专业化众创空间备案申报材料报送，请予审核。',
      }),
    });
    const { dispatch } = (await created.json()) as { dispatch: { id: string } };
    if (created.status !== 200) throw new Error(`B4 zip: creating the dispatch answered ${created.status}`);
    const sampler = new RssSampler(ctx.server.pid, 20).start();
    const cpu0 = cpuMsOf(ctx.server.pid);
    const t0 = performance.now();
    const res = await fetch(`${base}/api/dispatches/${dispatch.id}/package.zip`, {
      headers: { cookie: reviewer.cookie },
    });
    const body = Buffer.from(await res.arrayBuffer());
    const seconds = (performance.now() - t0) / 1000;
    const cpu = (cpuMsOf(ctx.server.pid) - cpu0) / 1000;
    const peak = sampler.stop();
    if (res.status !== 200) throw new Error(`B4 zip: ${res.status} ${body.toString('utf8').slice(0, 300)}`);
    out.zip = {
      applications: seeded.recommendedAppIds.length,
      seconds: round(seconds, 2),
      serverCpuSeconds: round(cpu, 2),
      bytes: body.length,
      serverPeakRssMb: round(peak, 0),
    };
    log(
      `B4 ZIP: ${seeded.recommendedAppIds.length} applications in ${seconds.toFixed(2)} s (server CPU ${cpu.toFixed(2)} s), ${(body.length / 1024 / 1024).toFixed(1)} MB`,
    );
  } else log('B4 ZIP: not available (no GET /api/dispatches/{id}/package.zip)');
  return out;
}

async function countXlsxRows(body: Buffer): Promise<number> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  return ws ? ws.actualRowCount : 0;
}
