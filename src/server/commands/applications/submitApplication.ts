import { randomUUID } from 'node:crypto';
import { makeSubmissionContentSchema, todayInShanghai, validateForSubmission } from '../../../domain/application.js';
import { AppError, type ErrorDetail } from '../../../domain/errors.js';
import { applicantPledgeText, pledgeSchema, pledgeSignerMismatch } from '../../../domain/pledges.js';
import {
  APPLICATION_FILE_KINDS,
  applicationFileKindLabels,
  type ApplicationActionRequest,
  type ApplicationFileKind,
} from '../../../domain/schemas/applications.js';
import type { Role } from '../../../domain/roles.js';
import type { Transition } from '../../../domain/workflow.js';
import type { Actor, RequestContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { findOrg } from '../../repositories/orgs.js';
import { startChecklistRound } from '../../repositories/reviewConfigs.js';
import { isUniqueViolation } from '../../repositories/unique-violation.js';
import { listFiles, nextSnapshotSeq, type ApplicationRow } from '../../repositories/applications.js';
import { replaceWorkingCopy } from '../../repositories/sections.js';
import { scheduleSimilarityCheck } from '../../similarity/scheduler.js';
import { nextApplicationNumber } from './applicationNumber.js';
import { applyTransition } from './applyTransition.js';
import { canonicalJson, sha256Hex } from './canonicalJson.js';

const MAX_ATTEMPTS = 5;

/**
 * Every problem that stops the submission, at once: the content (shared submission schema), the
 * operator's USCC against the registered unit, the upload kinds the batch requires, and the pledge.
 */
async function submissionProblems(db: Db, app: ApplicationRow, pledge: unknown, today: string) {
  const content = app.content;
  const details: ErrorDetail[] = validateForSubmission(content, { today });
  const given = content.basicInfo?.operatorUscc;
  if (
    typeof given === 'string' &&
    given.trim().toUpperCase() !== app.uscc &&
    !details.some((d) => d.path === 'basicInfo.operatorUscc')
  ) {
    details.push({
      path: 'basicInfo.operatorUscc',
      message: `运营主体统一社会信用代码应与注册单位一致（${app.uscc}）`,
    });
  }
  const files = await listFiles(db, app.id);
  for (const kind of requiredKinds(app.required_file_kinds)) {
    if (!files.some((f) => f.kind === kind))
      details.push({ path: `files.${kind}`, message: `请上传“${applicationFileKindLabels[kind]}”` });
  }
  const signed = pledgeSchema.safeParse(pledge ?? {});
  if (!signed.success) {
    for (const i of signed.error.issues)
      details.push({ path: ['pledge', ...i.path.map(String)].join('.'), message: i.message });
  }
  const legalRep = content.basicInfo?.legalRepresentative?.name;
  // Where the application names no 法人代表, the one the unit registered with (issue 17).
  const registeredRep = (await findOrg(db, app.unit_id))?.legal_representative;
  const mismatch = signed.success ? pledgeSignerMismatch(signed.data.signerName, legalRep, registeredRep) : null;
  if (mismatch && signed.success && signed.data.signerMismatchConfirmed !== true)
    details.push({ path: 'pledge.signerMismatchConfirmed', message: mismatch });
  return { content, details, files, pledge: signed.success ? signed.data : null, signerMismatch: !!mismatch };
}

function requiredKinds(json: string): ApplicationFileKind[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? APPLICATION_FILE_KINDS.filter((k) => v.includes(k)) : [];
  } catch {
    return [];
  }
}

/**
 * Submits (or resubmits) an application: checks everything (422 with every problem), then in one
 * transaction moves it to submitted, freezes the content and the list of uploads as the next snapshot
 * (canonical JSON and its SHA-256), records the pledge bound to that SHA-256, and gives the application its number at the
 * first submission. A repeat finds the status changed and is refused by the state check.
 */
export async function submitApplication(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  app: ApplicationRow;
  transition: Transition;
  role: Role;
  pledge: ApplicationActionRequest['pledge'];
}) {
  const { db, ctx, app } = opts;
  const today = todayInShanghai(ctx.now);
  const checked = await submissionProblems(db, app, opts.pledge, today);
  if (checked.details.length > 0)
    throw new AppError(
      'validation_failed',
      `申报材料尚有 ${checked.details.length} 处问题，请修改后再提交`,
      checked.details,
    );
  const frozen = makeSubmissionContentSchema({ today }).parse(checked.content);
  // The snapshot binds the uploads too: the pledge's SHA-256 covers each file's own SHA-256.
  const snapshotJson = canonicalJson({
    ...frozen,
    files: checked.files.map((f) => ({ kind: f.kind, fileName: f.file_name, sha256: f.sha256, size: Number(f.size) })),
  });
  const sha256 = sha256Hex(snapshotJson);
  const city = await findOrg(db, app.city_id);
  const at = ctx.now.toISOString();
  const basicInfo = frozen.basicInfo;

  for (let attempt = 1; ; attempt++) {
    try {
      const result = await db.transaction().execute(async (trx) => {
        const number =
          app.number ??
          (await nextApplicationNumber(trx, {
            batchYear: Number(app.batch_year),
            cityRegionCode: city?.region_code ?? '000000',
          }));
        const snapshotId = randomUUID();
        const seq = await nextSnapshotSeq(trx, app.id);
        const { version } = await applyTransition(trx, ctx, {
          app,
          transition: opts.transition,
          role: opts.role,
          set: {
            space_name: basicInfo.spaceName ?? app.space_name,
            // Facets of the snapshot for dashboards, list filters and the public list (migration 0050).
            operator_nature: basicInfo.operatorNature ?? null,
            main_fields: basicInfo.mainFields ? JSON.stringify(basicInfo.mainFields) : null,
            number,
            submitted_at: at,
            current_snapshot_id: snapshotId,
          },
          summary: {
            number,
            snapshotSeq: seq,
            snapshotSha256: sha256,
            ...(checked.signerMismatch ? { pledgeSignerNotLegalRepresentativeConfirmed: true } : {}),
          },
        });
        // The working copy becomes what was submitted (as parsed for the snapshot).
        await replaceWorkingCopy(trx, app.id, frozen);
        await trx
          .insertInto('application_snapshots')
          .values({
            id: snapshotId,
            application_id: app.id,
            seq,
            content: snapshotJson,
            sha256,
            created_by: ctx.actor.userId,
            created_at: at,
          })
          .execute();
        await trx
          .insertInto('pledges')
          .values({
            id: randomUUID(),
            application_id: app.id,
            snapshot_id: snapshotId,
            snapshot_sha256: sha256,
            signer_name: checked.pledge!.signerName,
            user_id: ctx.actor.userId,
            signed_at: at,
            text_id: applicantPledgeText.id,
            signer_mismatch_confirmed: checked.signerMismatch ? 1 : 0,
          })
          .execute();
        // A resubmission after a return: the reviewers' ticks so far become 上一轮, to be confirmed again.
        if (app.status === 'returned') await startChecklistRound(trx, app.id, ctx.now);
        return { version, number, sha256 };
      });
      // 查重 of the submitted text, after the commit, in the background (report "pending" until then).
      scheduleSimilarityCheck(db, app.id, ctx.now);
      return result;
    } catch (err) {
      // Another city application took the same number first: take the next one.
      if (isUniqueViolation(err) && attempt < MAX_ATTEMPTS) continue;
      throw err;
    }
  }
}
