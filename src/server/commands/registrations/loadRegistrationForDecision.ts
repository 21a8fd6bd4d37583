import { AppError } from '../../../domain/errors.js';
import { registrationStatusLabels, type RegistrationStatus } from '../../../domain/schemas/registrations.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { authorizeRegistrationAccess } from '../../policies/registrations.js';
import { findRegistration } from '../../repositories/registrations.js';

/**
 * The city reviewer decides the registrations of its own city: another role gets 403, another
 * city's registration 404, a registration already decided 409.
 */
export async function loadRegistrationForDecision(db: Executor, actor: Actor, id: string) {
  const reg = authorizeRegistrationAccess(actor, await findRegistration(db, id));
  if (reg.status !== 'pending') {
    const label = registrationStatusLabels[reg.status as RegistrationStatus] ?? reg.status;
    throw new AppError('invalid_transition', `该注册申请已审核（${label}），不能重复审核`);
  }
  return reg;
}
