import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { cloneExampleContent, examplePledge } from '../../src/domain/example-content.js';
import type { Db } from '../../src/server/db/database.js';
import { workingCopyJson } from '../../src/server/repositories/sections.js';
import { buildApplicant, buildBatch } from '../factories.js';
import type { Client, TestEnv } from './env.js';

/** The shared example content, made to belong to the given unit (its USCC must match on submit). */
export function completeContent(unit: { uscc: string }, name = '南京芯创集成电路专业化众创空间') {
  const c = cloneExampleContent();
  c.basicInfo.operatorUscc = unit.uscc;
  c.basicInfo.spaceName = name;
  return c;
}

export const PLEDGE = examplePledge;

/** The test clock's start; application tests that move the clock set it back to this after each test. */
export const START = '2026-06-01T02:00:00.000Z';

/** Creates an application through the API and returns its detail. */
export async function createApplication(client: Client, batchId: string) {
  const res = await client.post('/api/applications', { batchId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Creates an application and fills it completely (through PATCH); returns its id and version. */
export async function completeApplication(client: Client, batchId: string, unit: { uscc: string }, name?: string) {
  const created = await createApplication(client, batchId);
  const res = await client.patch(`/api/applications/${created.id}`, {
    version: created.version,
    ...completeContent(unit, name),
  });
  expect(res.statusCode, res.body).toBe(200);
  return { id: created.id as string, version: res.json().version as number };
}

export const act = (client: Client, id: string, action: string, body: Record<string, unknown> = {}) =>
  client.post(`/api/applications/${id}/actions/${action}`, body);

export async function submitted(client: Client, batchId: string, unit: { uscc: string }, name?: string) {
  const { id } = await completeApplication(client, batchId, unit, name);
  const res = await act(client, id, 'submit', { pledge: PLEDGE });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A new Nanjing applicant, logged in, with a submitted application in a new batch. */
export async function submittedInNewBatch(env: () => TestEnv) {
  const db = env().db;
  const batch = await buildBatch(db);
  const applicant = await buildApplicant(db);
  const client = await env().login(applicant.username);
  const app = await submitted(client, batch.id, applicant.unit);
  return { db, applicant, client, app };
}

/** What an application's change could touch, to compare before and after a refused request. */
export async function applicationState(db: Db, id: string) {
  const [app, snapshots, pledges, events, files, credit] = await Promise.all([
    db
      .selectFrom('applications')
      .select(['status', 'version', 'number', 'space_name', 'current_snapshot_id', 'updated_at'])
      .select(workingCopyJson(db, 'applications.id').as('content'))
      .where('id', '=', id)
      .executeTakeFirst(),
    db.selectFrom('application_snapshots').select('id').where('application_id', '=', id).execute(),
    db.selectFrom('pledges').select('id').where('application_id', '=', id).execute(),
    db
      .selectFrom('application_events')
      .select(['action', 'to_status'])
      .where('application_id', '=', id)
      .orderBy('at')
      .execute(),
    db.selectFrom('application_files').select(['id', 'deleted_at']).where('application_id', '=', id).execute(),
    db.selectFrom('credit_records').select('id').where('application_id', '=', id).execute(),
  ]);
  return { app, snapshots: snapshots.length, pledges: pledges.length, events, files, credit: credit.length };
}

export function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.code).toBe(code);
  expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
}

/** A multipart body with the `kind` field first and one file. */
export function multipart(file: { name: string; data: Buffer; type?: string }, kind: string | null = 'other') {
  return multipartForm(kind === null ? {} : { kind }, file);
}

/** A multipart body: the text fields first, then one file. */
export function multipartForm(fields: Record<string, string>, file: { name: string; data: Buffer; type?: string }) {
  const boundary = `----msf${randomUUID().replace(/-/g, '')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function upload(
  client: Client,
  id: string,
  file: { name: string; data: Buffer; type?: string },
  kind?: string | null,
) {
  const body = multipart(file, kind === undefined ? 'other' : kind);
  return client.request({ method: 'POST', url: `/api/applications/${id}/files`, ...body });
}

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
/** A minimal PDF (unique per call, so that tests do not share stored files by accident). */
export const pdf = (tag = randomUUID()) =>
  Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% ${tag}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
