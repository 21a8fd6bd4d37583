import { Select } from 'antd';
import { orgKindLabels } from '../../../domain/roles.js';
import type { Org } from '../../api/types';
import { m } from '../../i18n';

interface Props {
  id?: string;
  value?: string;
  onChange?: (orgId: string) => void;
  orgs: Org[] | undefined;
  loading: boolean;
}

/** Searchable select of organisations, by name or short name. */
export function OrgSelect({ id, value, onChange, orgs, loading }: Props) {
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={onChange}
      loading={loading}
      placeholder={m.accounts.orgPlaceholder}
      showSearch={{ optionFilterProp: ['label', 'shortName'] }}
      options={(orgs ?? []).map((o) => ({
        value: o.id,
        label: o.name,
        shortName: o.shortName ?? '',
        title: `${o.name}（${orgKindLabels[o.kind] ?? o.kind}）`,
      }))}
    />
  );
}
