import type { FastifyInstance } from 'fastify';
import healthRoutes from './health.js';
import sessionRoutes from './session.js';
import accountRoutes from './accounts.js';
import auditRoutes from './audit.js';
import orgRoutes from './orgs.js';
import applicationRoutes from './applications.js';
import conflictRoutes from './conflicts.js';
import creditRecordRoutes from './creditRecords.js';
import dispatchRoutes from './dispatches.js';
import paperCopyRoutes from './paperCopies.js';
import bulkRoutes from './bulk.js';
import batchRoutes from './batches.js';
import registrationRoutes from './registrations.js';
import documentRoutes from './documents.js';
import reviewRoutes from './review.js';
import notificationRoutes from './notifications.js';
import expertRoutes from './experts.js';
import dashboardRoutes from './dashboard.js';
import publicRoutes from './public.js';
import publicationRoutes from './publications.js';
import similarityRoutes from './similarity.js';

/** Every API route module, registered under /api. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(sessionRoutes);
  await app.register(accountRoutes);
  await app.register(auditRoutes);
  await app.register(orgRoutes);
  await app.register(applicationRoutes);
  await app.register(conflictRoutes);
  await app.register(creditRecordRoutes);
  await app.register(dispatchRoutes);
  await app.register(paperCopyRoutes);
  await app.register(bulkRoutes);
  await app.register(batchRoutes);
  await app.register(registrationRoutes);
  await app.register(documentRoutes);
  await app.register(reviewRoutes);
  await app.register(notificationRoutes);
  await app.register(expertRoutes);
  await app.register(dashboardRoutes);
  await app.register(publicRoutes);
  await app.register(publicationRoutes);
  await app.register(similarityRoutes);
}
