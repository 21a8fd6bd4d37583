import { parseFields } from '../../../domain/expertFields.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { assertMaySetOwnExpertFields } from '../../policies/experts.js';
import { findExpertFields } from '../../repositories/expertAssignments.js';

/** The professional fields the expert reviews (403 for anyone but an expert). */
export async function getOwnExpertFields(db: Executor, actor: Actor): Promise<string[]> {
  assertMaySetOwnExpertFields(actor);
  return parseFields((await findExpertFields(db, actor.userId))?.expert_fields);
}
