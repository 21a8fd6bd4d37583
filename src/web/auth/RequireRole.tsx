import type { ReactNode } from 'react';
import type { Role } from '../../domain/roles.js';
import { ForbiddenPage } from '../pages/errorPages';
import { useCurrentUser } from './useSession';

/**
 * Shows its children only to holders of one of the roles. Apart from the session guards (in the entry):
 * the role chunks are the only ones that need it.
 */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const user = useCurrentUser();
  if (!user.roles.some((r) => roles.includes(r))) return <ForbiddenPage />;
  return children;
}
