/** Response shapes of the API, inferred from the shared zod schemas the server answers with. */
import type { z } from 'zod';
import type { accountListResponse, accountResponse, ACCOUNT_STATUSES } from '../../domain/schemas/accounts.js';
import type { auditListResponse, auditVerifyResponse } from '../../domain/schemas/audit.js';

export type { Account } from '../../domain/schemas/accounts.js';
export type { AuditRecord } from '../../domain/schemas/audit.js';
export type { Org } from '../../domain/schemas/orgs.js';
export { ACCOUNT_STATUSES, accountStatusLabels } from '../../domain/schemas/accounts.js';

export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export type AccountList = z.infer<typeof accountListResponse>;
export type AccountWithPassword = z.infer<typeof accountResponse>;
export type AuditPage = z.infer<typeof auditListResponse>;
export type AuditVerifyResult = z.infer<typeof auditVerifyResponse>;
