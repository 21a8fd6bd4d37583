/**
 * Helpers for the reviewers' browser journeys: a small API client with its own session (to set up
 * data the way another role would), fresh applicant units with submitted applications, and a few
 * page helpers. Each journey makes its own applications so that the files do not depend on each other.
 */
import type { Locator, Page } from 'playwright-core';
import { cloneExampleContent, examplePledge } from '../src/domain/example-content.js';
import { usccCheckChar } from '../src/domain/uscc.js';
import { demoLicencePng } from '../src/server/db/seed/demo-licence.js';
import { BASE_URL, buttonName, DEMO_PASSWORD, screenshot } from './helpers/browser.js';

export class ApiSession {
  private cookie = '';
  private csrf = '';

  static async login(username: string, password = DEMO_PASSWORD): Promise<ApiSession> {
    const s = new ApiSession();
    const res = await fetch(`${BASE_URL}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    s.cookie = (res.headers.getSetCookie?.() ?? [res.headers.get('set-cookie') ?? ''])
      .map((c) => c.split(';')[0])
      .join('; ');
    s.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    return s;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { cookie: this.cookie, 'x-csrf-token': this.csrf };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${BASE_URL}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** One file as multipart (the `kind` field first, then the file), e.g. an application's upload. */
  async upload<T>(path: string, kind: string, file: { name: string; type: string; data: Buffer }): Promise<T> {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
    const res = await fetch(`${BASE_URL}${path}`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf },
      body: form,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  get = <T>(path: string) => this.request<T>('GET', path);
  post = <T>(path: string, body: unknown = {}) => this.request<T>('POST', path, body);
  patch = <T>(path: string, body: unknown) => this.request<T>('PATCH', path, body);
}

interface AppRow {
  id: string;
  status: string;
  version: number;
  batchId: string;
  spaceName: string | null;
  snapshot?: { sha256: string } | null;
}

const CITY_REGION: Record<string, string> = { 'city-320100': '320100', 'city-320500': '320500' };

/** A valid USCC for a made-up enterprise registered in the given region. */
export function makeUscc(region: string, seed: number): string {
  const first17 = `91${region}MA${String(seed).padStart(7, '0').slice(-7)}`;
  return first17 + usccCheckChar(first17)!;
}

let counter = Date.now() % 1_000_000;

/** A fresh number for made-up usernames and codes. */
export const nextSeed = (): number => ++counter;

/** The public unit registration (申报单位注册), waiting for the city's decision. */
export async function registerUnit(opts: {
  city: string;
  unitName: string;
  uscc: string;
  username: string;
  password: string;
}): Promise<{ id: string }> {
  const res = await fetch(`${BASE_URL}/api/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      unitName: opts.unitName,
      uscc: opts.uscc,
      cityOrgId: opts.city,
      contactName: '测试联系人',
      mobile: '13800138000',
      email: `${opts.username}@example.com`,
      username: opts.username,
      password: opts.password,
      ...(await registrationExtras()),
    }),
  });
  if (!res.ok) throw new Error(`registration: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { registration: { id: string } }).registration;
}

/** The 营业执照 (the demo's generated image) uploaded anonymously, as the register page does. */
export async function licenceToken(): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(demoLicencePng())], { type: 'image/png' }), '营业执照.png');
  const res = await fetch(`${BASE_URL}/api/registrations/licence`, { method: 'POST', body: form });
  if (!res.ok) throw new Error(`licence: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { licence: { token: string } }).licence.token;
}

/** What a registration needs besides the unit and account (issue 17): legal representative, address, licence. */
export async function registrationExtras() {
  return {
    legalRepresentative: '测试法人',
    address: '江苏省南京市鼓楼区测试路 1 号',
    licenceToken: await licenceToken(),
  };
}

export interface Submitted {
  id: string;
  applicant: ApiSession;
  username: string;
  password: string;
}

/**
 * A new applicant unit in a city (public registration approved by the city's reviewer) with one
 * application filled from the example content and submitted. Returns the application and the applicant's session.
 */
export async function submittedApplication(opts: {
  city: 'city-320100' | 'city-320500';
  reviewer: string;
  spaceName: string;
  /** Changes to the example content before submission (e.g. figures below the filing thresholds). */
  tweak?: (content: ReturnType<typeof cloneExampleContent>) => void;
}): Promise<Submitted> {
  counter += 1;
  const username = `e2eunit${counter}`;
  const password = 'Unit@2020js';
  const uscc = makeUscc(CITY_REGION[opts.city]!, counter);
  const unitName = `${opts.spaceName.replace('专业化众创空间', '')}科技服务有限公司`;
  const registration = await registerUnit({ city: opts.city, unitName, uscc, username, password });
  const reviewer = await ApiSession.login(opts.reviewer);
  await reviewer.post(`/api/registrations/${registration.id}/actions/approve`, {});

  const applicant = await ApiSession.login(username, password);
  const batches = await applicant.get<{ items: { id: string }[] }>('/api/batches?status=open');
  const created = await applicant.post<AppRow>('/api/applications', { batchId: batches.items[0]!.id });
  const content = cloneExampleContent();
  content.basicInfo.spaceName = opts.spaceName;
  content.basicInfo.operatorUscc = uscc;
  content.basicInfo.operatorName = unitName;
  opts.tweak?.(content);
  await applicant.patch(`/api/applications/${created.id}`, { version: created.version, ...content });
  await uploadRequiredScans(applicant, created.id);
  await applicant.post(`/api/applications/${created.id}/actions/submit`, { pledge: examplePledge });
  return { id: created.id, applicant, username, password };
}

/** A minimal PDF (distinct per call, so that uploads are not shared by accident). */
export const tinyPdf = (tag: string): Buffer =>
  Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% ${tag}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);

/**
 * Uploads what every new batch (and the demo batch) requires before submission: the stamped
 * attachment-2 scan and the signed attachment-4 scan.
 */
export async function uploadRequiredScans(applicant: ApiSession, applicationId: string): Promise<void> {
  for (const [kind, name] of [
    ['stamp_scan', '基础信息表盖章页.pdf'],
    ['pledge_scan', '信用承诺书签字盖章页.pdf'],
  ] as const)
    await applicant.upload(`/api/applications/${applicationId}/files`, kind, {
      name,
      type: 'application/pdf',
      data: tinyPdf(`${applicationId}-${kind}-${Date.now()}`),
    });
}

/** The Ministry publishes every decision of the open batch not yet published (公布). */
export async function publishDecisions(documentNo = `国科火字〔2020〕${nextSeed() % 1000}号`): Promise<void> {
  const most = await ApiSession.login('most');
  const batches = await most.get<{ items: { id: string }[] }>('/api/batches?status=open');
  for (const b of batches.items) {
    const pending = await most.get<{ pendingCount: number }>(`/api/batches/${b.id}/publications`);
    if (pending.pendingCount === 0) continue;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await most.post(`/api/batches/${b.id}/publications`, { documentNo, publishedOn: today });
  }
}

/** The verification code printed on the paper copies: the first 12 hex digits of the snapshot's SHA-256. */
export async function verificationCodeOf(session: ApiSession, applicationId: string): Promise<string> {
  const d = await session.get<AppRow>(`/api/applications/${applicationId}`);
  return d.snapshot!.sha256.slice(0, 12);
}

/** Clicks a button inside a Popconfirm and confirms it. */
export async function confirmPop(page: Page, button: Locator): Promise<void> {
  await button.click();
  // A positive decision asks for an optional opinion in a modal (issue 14); others confirm in a popover.
  const dialog = page.locator('.ant-popover:visible, .ant-modal-wrap:visible .ant-modal').first();
  await dialog.waitFor();
  if ((await dialog.getAttribute('class'))?.includes('ant-popover'))
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
  else await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
}

/** 接收登记 (issue 14): receive a dispatch, recording how it arrived (the contents keep their defaults). */
export async function receiveDispatchIn(page: Page, method = '机要交换'): Promise<void> {
  await page.getByRole('button', { name: /接收登记/ }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: '送达方式' });
  await dialog.getByText(method, { exact: true }).click();
  await dialog.getByRole('button', { name: /登\s*记\s*接\s*收/ }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 30_000 }).catch(async (e: unknown) => {
    // Say what kept the dialog open (a refusal, a field the form still asks for).
    const text = await dialog.innerText().catch(() => '');
    throw new Error(`接收登记 stayed open: ${text.replace(/\s+/g, ' ')}`, { cause: e });
  });
}

/** Before the first review in the batch the reviewer reads and acknowledges the integrity rules. */
export async function acknowledgeIntegrityIfAsked(page: Page): Promise<void> {
  const gate = page.getByTestId('integrity-gate');
  await page.locator('[data-testid=integrity-gate], [data-testid=integrity-ok]').first().waitFor();
  if (!(await gate.isVisible())) return;
  await gate.getByRole('button', { name: /阅读并确认/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('六项承诺').first().waitFor();
  await screenshot(page, 'review-integrity', { fullPage: false });
  await dialog.getByRole('checkbox').check();
  await dialog.getByRole('button', { name: buttonName('确认') }).click();
  await gate.waitFor({ state: 'detached' });
}

type Stage = 'recommended' | 'dispatched_to_province' | 'accepted' | 'province_recommended' | 'dispatched_to_ministry';
const ORDER: Stage[] = [
  'recommended',
  'dispatched_to_province',
  'accepted',
  'province_recommended',
  'dispatched_to_ministry',
];

/** Reviewer's acknowledgement of the batch's integrity rules, through the API. */
export async function acknowledgeByApi(reviewer: ApiSession, batchId: string): Promise<void> {
  const { config } = await reviewer.get<{ config: { integrity: { version: number } } }>(
    `/api/batches/${batchId}/review-config`,
  );
  await reviewer.post(`/api/batches/${batchId}/acknowledgements`, { textVersion: config.integrity.version });
}

/** The dispatches `advance` created: the city's package and the province's list, when it went that far. */
export interface Advanced {
  cityDispatchId?: string;
  provinceDispatchId?: string;
}

/**
 * Moves submitted applications of one city (南京 or 苏州) along the chain through the API, as the roles
 * would: recommended → sent to the province → accepted with both paper copies → recommended by
 * the province → sent to the Ministry.
 */
export async function advance(ids: string[], to: Stage, city: 'nj' | 'sz' = 'nj'): Promise<Advanced> {
  const upto = ORDER.indexOf(to);
  const reviewer = await ApiSession.login(`${city}-reviewer`);
  const first = await reviewer.get<AppRow>(`/api/applications/${ids[0]}`);
  await acknowledgeByApi(reviewer, first.batchId);
  for (const id of ids) await reviewer.post(`/api/applications/${id}/actions/recommend`, {});
  if (upto < 1) return {};
  const created = await reviewer.post<{ dispatch: { id: string } }>('/api/dispatches', {
    applicationIds: ids,
    letter: '测试推荐函',
  });
  const approver = await ApiSession.login(`${city}-approver`);
  await approver.post(`/api/dispatches/${created.dispatch.id}/actions/send`, {
    pledge: { signerName: '周审核', agreed: true },
  });
  if (upto < 2) return { cityDispatchId: created.dispatch.id };
  const center = await ApiSession.login('js-center');
  await center.post(`/api/dispatches/${created.dispatch.id}/actions/receive`, {});
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  for (const id of ids) {
    const code = await verificationCodeOf(center, id);
    await center.post(`/api/applications/${id}/paper-copies`, { count: 2, receivedOn: today, code });
    await center.post(`/api/applications/${id}/actions/accept`, {});
  }
  if (upto < 3) return { cityDispatchId: created.dispatch.id };
  const dept = await ApiSession.login('js-dept');
  for (const id of ids) await dept.post(`/api/applications/${id}/actions/province_recommend`, {});
  if (upto < 4) return { cityDispatchId: created.dispatch.id };
  const pd = await dept.post<{ dispatch: { id: string } }>('/api/dispatches', {
    applicationIds: ids,
    letter: '测试省厅推荐函',
  });
  // Four eyes at the province: js-dept builds the list, js-leader (分管领导) signs and sends it.
  const leader = await ApiSession.login('js-leader');
  await leader.post(`/api/dispatches/${pd.dispatch.id}/actions/send`, {
    pledge: { signerName: '刘分管', agreed: true },
  });
  return { cityDispatchId: created.dispatch.id, provinceDispatchId: pd.dispatch.id };
}

/**
 * An account of 南京市科学技术局 holding both city roles (经办 and 审核), created by the security
 * administrator, its first password already changed: the four-eyes rule must still stop it from
 * sending a dispatch it assembled itself.
 */
export async function reviewerApproverAccount(): Promise<{ username: string; password: string }> {
  counter += 1;
  const username = `njboth${counter}`;
  const password = 'Both@2020js';
  const admin = await ApiSession.login('secadmin');
  const made = await admin.post<{ temporaryPassword: string }>('/api/accounts', {
    username,
    displayName: '南京双角色测试',
    orgId: 'city-320100',
    roles: ['city_reviewer', 'city_approver'],
  });
  const first = await ApiSession.login(username, made.temporaryPassword);
  await first.post('/api/session/password', { currentPassword: made.temporaryPassword, newPassword: password });
  return { username, password };
}
