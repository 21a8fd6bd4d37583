import type { FastifyInstance } from 'fastify';
import healthRoutes from './health.js';
import sessionRoutes from './session.js';

/** Every API route module, registered under /api. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(sessionRoutes);
}
