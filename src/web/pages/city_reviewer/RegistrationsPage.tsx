import { useState } from 'react';
import { App, Card, Flex, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import {
  REGISTRATION_SORTS,
  REGISTRATION_STATUSES,
  registrationStatusLabels,
} from '../../../domain/schemas/registrations.js';
import { errorText } from '../../api/client';
import {
  useDecideRegistration,
  registrationsExportUrl,
  useRegistrations,
  type Registration,
  type RegistrationFilter,
} from '../../api/registrations-review';
import { DownloadButton } from '../../components/DownloadButton';
import { EmailValue } from '../../components/EmailValue';
import { ListSearch } from '../../components/ListSearch';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { StackedTime } from '../../components/StackedTime';
import { useClampPage, useListParams } from '../../components/useListParams';
import { useNarrow } from '../../components/useNarrow';
import { fmt, m } from '../../i18n';
import { CommentModal } from '../review/CommentModal';
import { RegistrationActions, ViewLicenceButton } from './RegistrationActions';
import { registrationCardColumn } from './RegistrationCardColumn';
import { RegistrationLicenceModal } from './RegistrationLicenceModal';
import { REGISTRATION_COLORS } from './registrationColors';

const t = m.review.registrations;

/** Unit registrations of the city awaiting its decision: approve, or refuse with a reason. */
export function RegistrationsPage() {
  const lp = useListParams(REGISTRATION_SORTS, { sort: 'createdAt', order: 'asc' });
  const statusParam = lp.params.get('status');
  const filter: RegistrationFilter = {
    status: statusParam === 'all' ? 'all' : (REGISTRATION_STATUSES.find((s) => s === statusParam) ?? 'pending'),
    q: lp.params.get('q') ?? undefined,
    page: lp.page,
    pageSize: lp.pageSize,
    sort: lp.sort,
    order: lp.order,
  };
  const list = useRegistrations(filter);
  useClampPage(lp.page, lp.pageSize, list.data?.total, (p) => lp.update({ page: String(p) }));
  const decide = useDecideRegistration();
  const { message } = App.useApp();
  // On a phone the six columns scrolled sideways: one card per registration instead (issue 17).
  const narrow = useNarrow();
  const [refusing, setRefusing] = useState<Registration | null>(null);
  const [verifying, setVerifying] = useState<Registration | null>(null);
  const [error, setError] = useState<string | null>(null);
  const approve = (r: Registration) =>
    decide.mutate(
      { id: r.id, action: 'approve' },
      {
        onSuccess: () => {
          message.success(t.approved);
        },
        onError: (e) => {
          message.error(errorText(e));
        },
      },
    );
  const refuse = (r: Registration) => {
    setError(null);
    setRefusing(r);
  };

  // At 1280 px with the side menu the table has about 940 px: every column fits without sideways
  // scrolling, so the pinned 操作 column no longer covers 联系人 (issue 17). The code sits under the
  // unit's name, the time on two lines, the two buttons stacked.
  const columns: TableColumnsType<Registration> = [
    {
      title: t.unitName,
      key: 'unitName',
      sorter: true,
      sortOrder: lp.sortOrderOf('unitName'),
      render: (_: unknown, r) => (
        <>
          <div>{r.unitName}</div>
          <div style={{ fontSize: 12, color: '#4a5566', whiteSpace: 'nowrap' }}>{r.uscc}</div>
        </>
      ),
    },
    {
      title: `${t.legalRepresentative} / ${t.address}`,
      key: 'legal',
      width: 200,
      render: (_: unknown, r) => (
        <>
          <div>{r.legalRepresentative ?? t.notGiven}</div>
          <div style={{ fontSize: 12, color: '#4a5566' }}>{r.address}</div>
          <ViewLicenceButton registration={r} onView={setVerifying} />
        </>
      ),
    },
    {
      title: t.contact,
      key: 'contact',
      width: 196,
      render: (_: unknown, r) => (
        <div className="registration-contact">
          <div>
            {r.contactName} <span className="value-nowrap">{r.mobile}</span>
          </div>
          <div className="registration-contact-minor">
            <EmailValue value={r.email} />
          </div>
          <div className="registration-contact-minor">
            {t.username}：<span className="value-nowrap">{r.username}</span>
          </div>
        </div>
      ),
    },
    {
      title: t.createdAt,
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 108,
      sorter: true,
      sortOrder: lp.sortOrderOf('createdAt'),
      render: (v: string) => <StackedTime iso={v} />,
    },
    {
      title: t.status,
      key: 'status',
      width: 96,
      render: (_: unknown, r) => (
        <>
          <Tag color={REGISTRATION_COLORS[r.status]}>{registrationStatusLabels[r.status]}</Tag>
          {r.comment ? <div style={{ fontSize: 12 }}>{r.comment}</div> : null}
        </>
      ),
    },
    {
      title: m.common.actions,
      key: 'actions',
      width: 104,
      // The wide table only: a phone shows the cards.
      fixed: 'right' as const,
      render: (_: unknown, r) => <RegistrationActions registration={r} onApprove={approve} onRefuse={refuse} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t.title}
        subtitle={t.subtitle}
        extra={
          <DownloadButton url={registrationsExportUrl(filter)} label={m.download.registrationsXlsx}>
            {m.download.exportXlsx}
          </DownloadButton>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <ListSearch
            q={filter.q}
            label={t.search}
            style={{ width: 320, maxWidth: '100%' }}
            onSearch={(q) => lp.update({ q })}
          />
          <Select<RegistrationFilter['status']>
            aria-label={t.status}
            style={{ width: 140 }}
            value={filter.status}
            onChange={(status) => lp.update({ status: status === 'pending' ? undefined : status })}
            options={[
              ...REGISTRATION_STATUSES.map((s) => ({ value: s, label: registrationStatusLabels[s] })),
              { value: 'all' as const, label: m.common.all },
            ]}
          />
        </Flex>
        {list.isError ? (
          <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Registration>
            rowKey="id"
            size="middle"
            columns={
              narrow
                ? [
                    registrationCardColumn({
                      sortOrder: lp.sortOrderOf('unitName'),
                      onView: setVerifying,
                      onApprove: approve,
                      onRefuse: refuse,
                    }),
                  ]
                : columns
            }
            dataSource={list.data?.items}
            loading={list.isFetching}
            scroll={narrow ? undefined : { x: 900 }}
            {...lp.tableProps<Registration>(list.data?.total)}
          />
        )}
      </Card>
      <RegistrationLicenceModal registration={verifying} onClose={() => setVerifying(null)} />
      <CommentModal
        open={refusing !== null}
        title={refusing ? fmt(t.refuseTitle, { unit: refusing.unitName }) : ''}
        label={t.refuseReason}
        okText={t.refuse}
        danger
        busy={decide.isPending}
        error={error}
        onCancel={() => setRefusing(null)}
        onOk={(comment) =>
          refusing &&
          decide.mutate(
            { id: refusing.id, action: 'refuse', comment },
            {
              onSuccess: () => {
                setRefusing(null);
                message.success(t.refused);
              },
              onError: (e) => setError(errorText(e)),
            },
          )
        }
      />
    </>
  );
}
