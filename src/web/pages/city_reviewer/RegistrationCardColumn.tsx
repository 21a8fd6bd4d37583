import { Flex, Tag, Typography } from 'antd';
import type { TableColumnType } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { registrationStatusLabels } from '../../../domain/schemas/registrations.js';
import type { Registration } from '../../api/registrations-review';
import { EmailValue } from '../../components/EmailValue';
import { formatTime } from '../../format';
import { m } from '../../i18n';
import { RegistrationActions, ViewLicenceButton } from './RegistrationActions';
import { REGISTRATION_COLORS } from './registrationColors';

const t = m.review.registrations;

/**
 * The registrations on a phone: one column, each registration a small card (the unit's name and
 * USCC, status, legal representative and address, contact with telephone and e-mail kept whole,
 * the time, then 核对营业执照 and the decision buttons at a size to tap), instead of six columns that
 * scrolled sideways. Sorted by name like the wide table's first column.
 */
export function registrationCardColumn(opts: {
  sortOrder: SortOrder | undefined;
  onView: (r: Registration) => void;
  onApprove: (r: Registration) => void;
  onRefuse: (r: Registration) => void;
}): TableColumnType<Registration> {
  return {
    title: t.unitName,
    key: 'unitName',
    sorter: true,
    sortOrder: opts.sortOrder,
    render: (_: unknown, r) => (
      <div className="list-card registration-card">
        <div className="list-card-name">{r.unitName}</div>
        <div className="list-card-line">
          <Tag color={REGISTRATION_COLORS[r.status]}>{registrationStatusLabels[r.status]}</Tag>
          <Typography.Text type="secondary" className="value-nowrap">
            {r.uscc}
          </Typography.Text>
        </div>
        {r.comment ? (
          <div className="list-card-line">
            {t.comment}：{r.comment}
          </div>
        ) : null}
        <div className="list-card-line">
          {t.legalRepresentative}：{r.legalRepresentative ?? t.notGiven}
        </div>
        {r.address ? <div className="list-card-line">{r.address}</div> : null}
        <div className="list-card-line">
          {t.contact}：{r.contactName} <span className="value-nowrap">{r.mobile}</span>
        </div>
        <div className="list-card-line">
          <EmailValue value={r.email} />
        </div>
        <Typography.Text type="secondary" className="list-card-line">
          <span className="value-nowrap">
            {t.username}：{r.username}
          </span>
          <span className="value-nowrap">
            {t.createdAt} {formatTime(r.createdAt)}
          </span>
        </Typography.Text>
        <Flex gap={8} wrap style={{ marginTop: 4 }}>
          <ViewLicenceButton registration={r} onView={opts.onView} narrow />
          <RegistrationActions registration={r} onApprove={opts.onApprove} onRefuse={opts.onRefuse} narrow />
        </Flex>
      </div>
    ),
  };
}
