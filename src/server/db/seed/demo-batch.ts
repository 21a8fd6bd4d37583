import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { DEFAULT_REQUIRED_FILE_KINDS, type DeadlineKind, type RecordedDates } from '../../../domain/schemas/batches.js';
import { saveFile, type StoredFile } from '../../files/store.js';
import type { FileStore } from '../../files/fileStore.js';
import type { Db } from '../database.js';
import { insertDeadline } from '../../repositories/deadlines.js';
import { BATCH_TEMPLATES, type BatchTemplate } from './batch-templates.js';
import { seedDemoReviewConfig } from './demo-review-config.js';
import { JIANGSU_ID, JS_DEPT_ID, MINISTRY_ID } from './reference-orgs.js';
import { NJ_CITY, SZ_CITY } from './demo.js';

export const DEMO_BATCH_ID = 'batch-2020-4';
export const DEMO_BATCH_NAME = '第四批国家专业化众创空间备案示范';
/** The dates of 苏科高发〔2020〕174号 and 国科办区〔2020〕54号, kept on record. */
/** The notice the letters cite. */
export const DEMO_NOTICE_TITLE = '关于组织开展第四批国家专业化众创空间备案示范推荐工作的通知';
export const DEMO_NOTICE_NO = '苏科高发〔2020〕174号';
export const DEMO_RECORDED_DATES: RecordedDates = { cityToProvince: '2020-07-31', provinceToMinistry: '2020-08-31' };

const NOTICE_FILE = new URL('./assets/notice-2020-174.txt', import.meta.url);
const DAY_MS = 24 * 60 * 60 * 1000;
const BEIJING_MS = 8 * 60 * 60 * 1000;

/** 23:59:59 Beijing time of the day `days` after `now` (days counted on Beijing's calendar). */
export function endOfBeijingDay(now: Date, days: number): string {
  const day = new Date(now.getTime() + BEIJING_MS + days * DAY_MS).toISOString().slice(0, 10);
  return new Date(`${day}T23:59:59+08:00`).toISOString();
}

/**
 * The demo batch: the 第四批 notice with its 2020 dates on record, and effective deadlines in the future
 * relative to the first start (province → Ministry +60 days, Jiangsu's cities → province +45, the
 * applicants of 南京 and 苏州 +30), so that every step can be tried. The stamped attachment-2 scan and
 * the signed attachment-4 scan are required, as in every new batch. The
 * templates of attachments 2–5 are generated as Word files into the file store. Does nothing when
 * the batch exists already.
 */
export async function seedDemoBatch(db: Db, now: Date, files: FileStore): Promise<void> {
  const exists = await db.selectFrom('batches').select('id').where('id', '=', DEMO_BATCH_ID).executeTakeFirst();
  if (exists) return;
  const notice = (await fs.readFile(NOTICE_FILE, 'utf8')).trim();
  const documents: (BatchTemplate & StoredFile)[] = [];
  for (const t of BATCH_TEMPLATES) {
    const stored = await saveFile(files, await t.build(), { allowed: ['docx'] });
    documents.push({ ...t, ...stored });
  }
  const setters = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', 'in', ['most', 'js-dept', 'nj-reviewer', 'sz-reviewer'])
    .execute();
  const userId = (username: string) => setters.find((u) => u.username === username)?.id ?? null;
  const deadlines: [DeadlineKind, string | null, number, string, string][] = [
    ['province', null, 60, MINISTRY_ID, 'most'],
    ['city', JIANGSU_ID, 45, JS_DEPT_ID, 'js-dept'],
    ['applicant', NJ_CITY, 30, NJ_CITY, 'nj-reviewer'],
    ['applicant', SZ_CITY, 30, SZ_CITY, 'sz-reviewer'],
  ];
  const at = now.toISOString();

  await db.transaction().execute(async (trx) => {
    // A concurrent start may have inserted it since the check above: then it seeds nothing.
    const inserted = await trx
      .insertInto('batches')
      .values({
        id: DEMO_BATCH_ID,
        name: DEMO_BATCH_NAME,
        year: 2020,
        notice_text: notice,
        notice_title: DEMO_NOTICE_TITLE,
        notice_no: DEMO_NOTICE_NO,
        status: 'open',
        // Like every new batch: the stamped attachment-2 scan and the signed attachment-4 scan.
        required_file_kinds: JSON.stringify(DEFAULT_REQUIRED_FILE_KINDS),
        recorded_dates: JSON.stringify(DEMO_RECORDED_DATES),
        // The province officer opens batches (三员分立: not the system administrator).
        created_by: userId('js-dept'),
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    if (!Number(inserted.numInsertedOrUpdatedRows ?? 0)) return;
    for (const [kind, scopeOrgId, days, setByOrgId, setter] of deadlines) {
      await insertDeadline(trx, {
        id: randomUUID(),
        batchId: DEMO_BATCH_ID,
        kind,
        scopeOrgId,
        dueAt: endOfBeijingDay(now, days),
        setByOrgId,
        setByUserId: userId(setter),
        now,
      });
    }
    const officer = userId('js-dept');
    if (officer)
      await seedDemoReviewConfig(trx, { batchId: DEMO_BATCH_ID, provinceId: JIANGSU_ID, userId: officer, now });
    for (const [i, d] of documents.entries()) {
      await trx
        .insertInto('batch_documents')
        .values({
          id: randomUUID(),
          batch_id: DEMO_BATCH_ID,
          title: d.title,
          file_sha256: d.sha256,
          file_name: d.fileName,
          mime: d.mime,
          size: d.size,
          sort_order: i,
          created_at: at,
        })
        .execute();
    }
  });
}
