import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import {
  FIELD_VISIT_STATUSES,
  MAX_PHOTOS_PER_VISIT,
  type CreateFieldVisitRequest,
  type FieldVisitSort,
  type UpdateFieldVisitRequest,
} from '../../../domain/schemas/experts.js';
import type { Actor, RequestContext } from '../../context.js';
import type { PageRequest } from '../../queries/pagination.js';
import type { Db, Executor } from '../../db/database.js';
import { appendAudit } from '../../audit/audit.js';
import { saveFile, storedFileName, type ReceivedUpload } from '../../files/store.js';
import { lockRow } from '../../repositories/locks.js';
import type { FileStore } from '../../files/fileStore.js';
import { reachesByAssignment } from '../../policies/applications.js';
import { assertProvinceOfficerFor, authorizeFieldVisitRead, canRecordFieldVisit } from '../../policies/experts.js';
import { isAssignedExpert } from '../../repositories/expertAssignments.js';
import {
  deletePhoto,
  findFieldVisit,
  findPhoto,
  insertFieldVisit,
  insertPhoto,
  listFieldVisitPage,
  listPhotos,
  updateFieldVisit as updateVisitRow,
} from '../../repositories/fieldVisits.js';
import { loadVisibleApplication } from '../applications/loadApplication.js';

const WHAT = '登记实地调研';

/** The application whose field visits the actor reads (authorizeFieldVisitRead); outsiders get 404. */
async function loadApplicationForVisits(db: Executor, actor: Actor, id: string) {
  const app = await loadVisibleApplication(db, actor, id);
  const assigned = reachesByAssignment(actor) && (await isAssignedExpert(db, actor.userId, app.id));
  authorizeFieldVisitRead(actor, app, assigned);
  return app;
}

/** The visit and its application, for a change by the province officer while the province assesses. */
async function loadVisitForChange(db: Executor, actor: Actor, visitId: string) {
  const visit = await findFieldVisit(db, visitId);
  if (!visit) throw new AppError('not_found');
  const app = await loadVisibleApplication(db, actor, visit.application_id);
  assertProvinceOfficerFor(actor, app, WHAT);
  if (!(FIELD_VISIT_STATUSES as readonly string[]).includes(app.status))
    throw new AppError('invalid_transition', '该申报不在省级评审阶段，实地调研记录不能修改');
  return { visit, app };
}

export async function listVisitsOf(opts: {
  db: Executor;
  actor: Actor;
  applicationId: string;
  page: PageRequest<FieldVisitSort>;
}) {
  const app = await loadApplicationForVisits(opts.db, opts.actor, opts.applicationId);
  const list = await listFieldVisitPage(opts.db, app.id, opts.page);
  const photos = await listPhotos(
    opts.db,
    list.items.map((v) => v.id),
  );
  return { list, photos, editable: canRecordFieldVisit(opts.actor, app) };
}

export async function getVisit(db: Executor, actor: Actor, visitId: string) {
  const visit = await findFieldVisit(db, visitId);
  if (!visit) throw new AppError('not_found');
  const app = await loadApplicationForVisits(db, actor, visit.application_id);
  return { visit, photos: await listPhotos(db, [visit.id]), editable: canRecordFieldVisit(actor, app) };
}

export async function createFieldVisit(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  applicationId: string;
  input: CreateFieldVisitRequest;
}) {
  const { db, ctx, input } = opts;
  const app = await loadVisibleApplication(db, ctx.actor, opts.applicationId);
  assertProvinceOfficerFor(ctx.actor, app, WHAT);
  if (!(FIELD_VISIT_STATUSES as readonly string[]).includes(app.status))
    throw new AppError('invalid_transition', '只有受理通过后、省级评审阶段的申报可以登记实地调研');
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await insertFieldVisit(trx, { id, applicationId: app.id, ...input, userId: ctx.actor.userId, now: ctx.now });
    await appendAudit(trx, ctx, {
      action: 'field_visit.create',
      role: 'province_officer',
      target: { type: 'application', id: app.id },
      summary: { visitId: id, visitedOn: input.visitedOn, visitors: input.visitors },
    });
  });
  return id;
}

export async function updateFieldVisit(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  input: UpdateFieldVisitRequest;
}) {
  const { db, ctx, input } = opts;
  const { visit, app } = await loadVisitForChange(db, ctx.actor, opts.id);
  if (input.version !== Number(visit.version)) throw new AppError('version_conflict');
  const { version, visitedOn, ...rest } = input;
  await db.transaction().execute(async (trx) => {
    const ok = await updateVisitRow(trx, visit.id, version, {
      ...(visitedOn ? { visited_on: visitedOn } : {}),
      ...rest,
      updated_by: ctx.actor.userId,
      updated_at: ctx.now.toISOString(),
    });
    if (!ok) throw new AppError('version_conflict');
    await appendAudit(trx, ctx, {
      action: 'field_visit.update',
      role: 'province_officer',
      target: { type: 'application', id: app.id },
      summary: { visitId: visit.id, changed: Object.keys(input).filter((k) => k !== 'version') },
    });
  });
}

const tooManyPhotos = () => new AppError('conflict', `每次实地调研最多上传 ${MAX_PHOTOS_PER_VISIT} 张照片`);

/**
 * Adds a photo (JPG or PNG, checked by content) to a visit. Who, which state and the count are
 * checked before the body is read (`receive` parses it); the count again under a lock on the visit in
 * the inserting transaction, so parallel uploads cannot exceed the limit.
 */
export async function uploadVisitPhoto(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  files: FileStore;
  id: string;
  receive: () => Promise<ReceivedUpload>;
}) {
  const { db, ctx } = opts;
  const { visit, app } = await loadVisitForChange(db, ctx.actor, opts.id);
  if ((await listPhotos(db, [visit.id])).length >= MAX_PHOTOS_PER_VISIT) throw tooManyPhotos();
  const upload = await opts.receive();
  const stored = await saveFile(opts.files, upload.stream, { allowed: ['jpg', 'png'] });
  const photoId = randomUUID();
  const fileName = storedFileName(upload.fileName, stored.ext);
  await db.transaction().execute(async (trx) => {
    await lockRow(trx, 'field_visits', visit.id);
    if ((await listPhotos(trx, [visit.id])).length >= MAX_PHOTOS_PER_VISIT) throw tooManyPhotos();
    await insertPhoto(trx, {
      id: photoId,
      visitId: visit.id,
      sha256: stored.sha256,
      fileName,
      mime: stored.mime,
      size: stored.size,
      userId: ctx.actor.userId,
      now: ctx.now,
    });
    await appendAudit(trx, ctx, {
      action: 'field_visit.photo_upload',
      role: 'province_officer',
      target: { type: 'application', id: app.id },
      summary: { visitId: visit.id, photoId, fileName, sha256: stored.sha256, size: stored.size },
    });
  });
  return (await findPhoto(db, visit.id, photoId))!;
}

export async function deleteVisitPhoto(opts: {
  db: Db;
  ctx: RequestContext & { actor: Actor };
  id: string;
  photoId: string;
}) {
  const { db, ctx } = opts;
  const { visit, app } = await loadVisitForChange(db, ctx.actor, opts.id);
  const photo = await findPhoto(db, visit.id, opts.photoId);
  if (!photo) throw new AppError('not_found', '照片不存在或已删除');
  await db.transaction().execute(async (trx) => {
    await deletePhoto(trx, photo.id, ctx.now);
    await appendAudit(trx, ctx, {
      action: 'field_visit.photo_delete',
      role: 'province_officer',
      target: { type: 'application', id: app.id },
      summary: { visitId: visit.id, photoId: photo.id, fileName: photo.file_name },
    });
  });
}

/** A photo the actor may see (same rule as the visits). */
export async function loadVisitPhoto(db: Executor, actor: Actor, visitId: string, photoId: string) {
  await getVisit(db, actor, visitId);
  const photo = await findPhoto(db, visitId, photoId);
  if (!photo) throw new AppError('not_found', '照片不存在或已删除');
  return photo;
}
