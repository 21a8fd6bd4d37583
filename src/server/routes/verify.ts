import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { errorResponse } from '../../domain/schemas/common.js';
import { formatVerificationCode, normalizeVerificationCode } from '../../domain/verification-code.js';
import { verifyCode, type VerificationResult, type VerifiedVersion } from '../commands/documents/verifyCode.js';
import { chineseDateTime } from '../documents/format.js';

/**
 * The public verification of a printed code (校验码): anyone holding a paper copy — the acceptance
 * centre, an expert, the Ministry — types the code from its pages, or scans the QR code, and learns
 * whether it belongs to a submitted version, of which application, and whether a newer version
 * exists. No login, and never the content. `/verify/{code}` is a server-rendered page in Chinese;
 * `/api/verify/{code}` answers the same as JSON.
 */

const codeParams = z.object({ code: z.string().max(64) });

const versionSchema = z.object({
  number: z.string().nullable(),
  spaceName: z.string().nullable(),
  batchName: z.string(),
  cityName: z.string(),
  seq: z.number().meta({ description: '该校验码对应的版本号（第几次提交）' }),
  submittedAt: z.string(),
  latestSeq: z.number(),
  latestSubmittedAt: z.string(),
  isLatest: z.boolean().meta({ description: '是否为该申报的最新提交版本' }),
});
const verifyResponse = z.object({ code: z.string(), matches: z.array(versionSchema) });

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
body{margin:0;font:16px/1.6 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f1f1f;background:#f5f6f8}
header{background:#fff;border-bottom:1px solid #e5e7eb}
header nav{max-width:720px;margin:0 auto;padding:12px 20px;display:flex;flex-wrap:wrap;align-items:center;gap:8px 20px}
header .home{font-weight:600;color:#0f2b55;text-decoration:none;margin-right:auto}
header a{color:#0958d9;text-decoration:none;font-size:14px}header a:hover,header a:focus{text-decoration:underline}
main{max-width:720px;margin:0 auto;padding:32px 20px}
h1{font-size:22px;margin:0 0 4px}
.sub{color:#555;margin:0 0 24px;font-size:14px}
.card{background:#fff;border:1px solid #d9d9d9;border-radius:8px;padding:20px 24px;margin-bottom:20px}
.verdict{font-size:18px;font-weight:600;margin:0 0 12px}
.ok{border-left:6px solid #237804}.ok .verdict{color:#237804}
.old{border-left:6px solid #ad4e00}.old .verdict{color:#ad4e00}
.bad{border-left:6px solid #a8071a}.bad .verdict{color:#a8071a}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #f0f0f0;vertical-align:top}
th{width:9em;color:#555;font-weight:normal}
form{display:flex;gap:8px;flex-wrap:wrap}label{width:100%;font-size:14px;color:#555}
input{flex:1;min-width:12em;font:inherit;padding:8px 10px;border:1px solid #bfbfbf;border-radius:6px;letter-spacing:.05em}
button{font:inherit;padding:8px 20px;border:0;border-radius:6px;background:#0958d9;color:#fff;cursor:pointer}
.note{font-size:13px;color:#666}
`;

function page(title: string, body: string, typed = ''): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(title)} · 专业化众创空间备案申报推荐系统</title><style>${STYLE}</style></head>
<body><header><nav aria-label="站点导航">
<a class="home" href="/notice">专业化众创空间备案申报推荐系统</a>
<a href="/notice">申报通知</a><a href="/public/filed">备案名单</a><a href="/login">登录</a>
</nav></header><main>
<h1>申报材料核验</h1>
<p class="sub">专业化众创空间备案申报推荐系统 · 核对纸质申报材料每页印有的校验码</p>
${body}
<div class="card"><form method="get" action="/verify">
<label for="code">输入纸质材料页眉上的校验码（12 位，如 1a2b-3c4d-5e6f）</label>
<input id="code" name="code" value="${escape(typed)}" autocomplete="off" spellcheck="false" maxlength="32" required>
<button type="submit">核验</button></form></div>
<p class="note">本页只说明校验码对应的申报及版本，不显示申报内容。纸质材料的内容是否与系统中的提交版本一致，以校验码核验结果为准。</p>
</main></body></html>`;
}

const row = (label: string, value: string) => `<tr><th>${escape(label)}</th><td>${escape(value)}</td></tr>`;

function versionCard(code: string, v: VerifiedVersion): string {
  const verdict = v.isLatest
    ? '✓ 校验码有效：对应该申报的最新提交版本'
    : `⚠ 校验码有效，但对应的是旧版本：该申报已提交第 ${v.latestSeq} 版`;
  const rows = [
    row('校验码', formatVerificationCode(code)),
    row('申报编号', v.number ?? '—'),
    row('众创空间名称', v.spaceName ?? '—'),
    row('所在市', v.cityName),
    row('批次', v.batchName),
    row('版本', `第 ${v.seq} 版，提交于 ${chineseDateTime(v.submittedAt)}（北京时间）`),
    row(
      '最新版本',
      v.isLatest
        ? `是（共 ${v.latestSeq} 版）`
        : `否：第 ${v.latestSeq} 版提交于 ${chineseDateTime(v.latestSubmittedAt)}（北京时间），纸质材料应以最新版本为准`,
    ),
  ];
  return `<div class="card ${v.isLatest ? 'ok' : 'old'}"><p class="verdict">${escape(verdict)}</p><table>${rows.join('')}</table></div>`;
}

function resultPage(result: VerificationResult): string {
  const body = result.matches.map((m) => versionCard(result.code, m)).join('');
  return page(`校验码 ${formatVerificationCode(result.code)}`, body, formatVerificationCode(result.code));
}

const notFoundPage = (code: string) =>
  page(
    '未找到',
    `<div class="card bad"><p class="verdict">✗ 未找到与校验码 ${escape(formatVerificationCode(code))} 对应的已提交申报版本</p>
<p>请核对校验码是否输入正确（只含数字 0–9 和字母 a–f）。草稿打印件没有校验码，不能作为申报材料。</p></div>`,
    formatVerificationCode(code),
  );

const invalidPage = (typed: string) =>
  page(
    '校验码格式不正确',
    `<div class="card bad"><p class="verdict">✗ 校验码格式不正确</p><p>校验码为 12 位，由数字 0–9 和字母 a–f 组成，如 1a2b-3c4d-5e6f。</p></div>`,
    typed,
  );

const html = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

const routes: FastifyPluginAsyncZod = async (app) => {
  const config = { auth: 'public' as const };

  app.get(
    '/verify',
    { schema: { hide: true, querystring: z.object({ code: z.string().max(64).optional() }) }, config },
    async (req, reply) => {
      const typed = req.query.code?.trim() ?? '';
      if (!typed) return html(reply, 200, page('核验', ''));
      const code = normalizeVerificationCode(typed);
      if (!code) return html(reply, 400, invalidPage(typed.slice(0, 32)));
      return reply.redirect(`/verify/${code}`, 303);
    },
  );

  app.get('/verify/:code', { schema: { hide: true, params: codeParams }, config }, async (req, reply) => {
    const code = normalizeVerificationCode(req.params.code);
    if (!code) return html(reply, 400, invalidPage(req.params.code.slice(0, 32)));
    const result = await verifyCode(app.db, code);
    return result.matches.length ? html(reply, 200, resultPage(result)) : html(reply, 404, notFoundPage(code));
  });

  app.get(
    '/api/verify/:code',
    {
      schema: {
        tags: ['documents'],
        summary: '核验校验码（公开）：对应的申报、版本及是否有更新版本，不含申报内容',
        params: codeParams,
        response: { 200: verifyResponse, 404: errorResponse, 422: errorResponse },
      },
      config,
    },
    async (req) => {
      const result = await verifyCode(app.db, req.params.code);
      if (!result.matches.length) throw new AppError('not_found', '未找到与该校验码对应的已提交申报版本');
      return result;
    },
  );
};

export default routes;
