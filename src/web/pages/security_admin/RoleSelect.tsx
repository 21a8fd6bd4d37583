import { Select } from 'antd';
import type { FormRule } from 'antd';
import {
  ONLINE_ASSIGNABLE_ROLES,
  roleLabels,
  roleOrgKinds,
  roleSetProblems,
  type OrgKind,
  type Role,
} from '../../../domain/roles.js';
import { m } from '../../i18n';

/** The roles an organisation of this kind may hold that may be assigned online (no administrator roles). */
export const rolesForKind = (kind: OrgKind | undefined): Role[] =>
  kind ? ONLINE_ASSIGNABLE_ROLES.filter((r) => roleOrgKinds[r].includes(kind)) : [];

/** A form rule that checks the role set live with the same rules the server applies. */
export function roleSetRule(kind: OrgKind | undefined): FormRule {
  return {
    validator: async (_rule, value: Role[] | undefined) => {
      if (!kind) return;
      const problems = roleSetProblems(value ?? [], kind);
      if (problems.length) throw new Error(problems.join('；'));
    },
  };
}

interface Props {
  id?: string;
  value?: Role[];
  onChange?: (roles: Role[]) => void;
  orgKind: OrgKind | undefined;
}

/** Multi-select of roles, offering only those allowed for the organisation's kind. */
export function RoleSelect({ id, value, onChange, orgKind }: Props) {
  return (
    <Select<Role[]>
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      disabled={!orgKind}
      placeholder={orgKind ? undefined : m.accounts.rolesFirstHint}
      options={rolesForKind(orgKind).map((r) => ({ value: r, label: roleLabels[r] }))}
    />
  );
}
