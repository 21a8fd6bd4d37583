import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, Popconfirm, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { PENDING_DECISION_SORTS, PENDING_DECISIONS } from '../../../domain/schemas/publications.js';
import { useBatches } from '../../api/batches';
import { errorText } from '../../api/client';
import { useOrgs } from '../../api/orgs';
import { usePendingDecisions, usePublications, usePublish, type PendingDecisions } from '../../api/publications';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { useClampPage, useListParams } from '../../components/useListParams';
import { TIME_ZONE } from '../../format';
import { fmt, m } from '../../i18n';
import '../review/review.css';
import { ListSearch } from '../../components/ListSearch';

const t = m.publication;
type Pending = PendingDecisions['items'][number];

/**
 * The Ministry publishes a batch's decisions in one act (公布): the preview of every decision not yet
 * published (paged on the server; batch, filters, page and sort in the URL), then the 文号 and date;
 * only published decisions reach the public list and the applicants.
 */
export function PublicationPage() {
  const batches = useBatches();
  const lp = useListParams(PENDING_DECISION_SORTS, { sort: 'province', order: 'asc' });
  const batchId = lp.params.get('batchId') ?? batches.data?.[0]?.id;
  const decisionParam = lp.params.get('decision');
  const filter = {
    provinceId: lp.params.get('provinceId') ?? undefined,
    decision: PENDING_DECISIONS.find((d) => d === decisionParam),
    q: lp.params.get('q') ?? undefined,
  };
  const pendingPage = usePendingDecisions(batchId, filter, {
    page: lp.page,
    pageSize: lp.pageSize,
    sort: lp.sort,
    order: lp.order,
  });
  useClampPage(lp.page, lp.pageSize, pendingPage.data?.total, (p) => lp.update({ page: String(p) }));
  // The history is short (one row per publication): its page is the page's own state.
  const [historyPage, setHistoryPage] = useState(1);
  const data = usePublications(batchId, { page: historyPage, pageSize: 10, sort: 'createdAt', order: 'asc' });
  const provinces = useOrgs({ kind: 'province' });
  const publish = usePublish(batchId ?? '');
  const { message } = App.useApp();
  const [documentNo, setDocumentNo] = useState('');
  const [publishedOn, setPublishedOn] = useState(() => dayjs().tz(TIME_ZONE).format('YYYY-MM-DD'));
  const [error, setError] = useState<string | null>(null);

  if (batches.isError) return <LoadFailed error={batches.error} onRetry={() => void batches.refetch()} />;
  if (data.isError) return <LoadFailed error={data.error} onRetry={() => void data.refetch()} />;
  if (pendingPage.isError) return <LoadFailed error={pendingPage.error} onRetry={() => void pendingPage.refetch()} />;
  // What the act publishes: every pending decision of the batch, whatever the preview shows.
  const pendingCount = data.data?.pendingCount ?? 0;
  const columns: TableColumnsType<Pending> = [
    { title: t.number, dataIndex: 'number', key: 'number', sorter: true, sortOrder: lp.sortOrderOf('number') },
    { title: t.space, dataIndex: 'spaceName', key: 'spaceName', sorter: true, sortOrder: lp.sortOrderOf('spaceName') },
    { title: t.unit, dataIndex: 'unitName', key: 'unit' },
    {
      title: t.province,
      dataIndex: 'provinceName',
      key: 'province',
      sorter: true,
      sortOrder: lp.sortOrderOf('province'),
    },
    {
      title: t.decision,
      dataIndex: 'decision',
      key: 'decision',
      sorter: true,
      sortOrder: lp.sortOrderOf('decision'),
      render: (d: Pending['decision']) =>
        d === 'filed' ? <Tag color="green">{t.filed}</Tag> : <Tag color="red">{t.notFiled}</Tag>,
    },
  ];

  const submit = () => {
    setError(null);
    if (!documentNo.trim() || !publishedOn.trim()) return setError(t.required);
    publish.mutate(
      { documentNo: documentNo.trim(), publishedOn: publishedOn.trim() },
      {
        onSuccess: (r) => {
          message.success(fmt(t.done, { count: r.publication.count }));
          setDocumentNo('');
        },
        onError: (e) => setError(errorText(e)),
      },
    );
  };

  return (
    <>
      <PageHeader title={t.title} subtitle={t.subtitle} />
      <Flex vertical gap={16}>
        <Card size="small">
          <Flex gap={12} wrap align="end">
            <label className="letter-field">
              <span>{t.batch}</span>
              <Select
                aria-label={t.batch}
                value={batchId}
                style={{ minWidth: 260 }}
                options={(batches.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
                onChange={(v: string) => {
                  setHistoryPage(1);
                  lp.update({ batchId: v });
                }}
              />
            </label>
          </Flex>
        </Card>
        <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{t.pending}</h2>}>
          <Flex gap={12} wrap style={{ marginBottom: 12 }}>
            <ListSearch
              q={filter.q}
              label={t.search}
              style={{ width: 300, maxWidth: '100%' }}
              onSearch={(q) => lp.update({ q })}
            />
            <Select
              aria-label={t.province}
              placeholder={t.province}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 180 }}
              value={filter.provinceId}
              onChange={(v?: string) => lp.update({ provinceId: v })}
              options={(provinces.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
            <Select
              aria-label={t.decision}
              placeholder={t.allDecisions}
              allowClear
              style={{ width: 160 }}
              value={filter.decision}
              onChange={(v?: string) => lp.update({ decision: v })}
              options={[
                { value: 'filed', label: t.filed },
                { value: 'not_filed', label: t.notFiled },
              ]}
            />
          </Flex>
          <Table<Pending>
            size="small"
            rowKey="applicationId"
            scroll={{ x: 640 }}
            loading={pendingPage.isFetching}
            dataSource={pendingPage.data?.items}
            columns={columns}
            locale={{ emptyText: t.none }}
            {...lp.tableProps<Pending>(pendingPage.data?.total)}
          />
          {pendingCount > 0 ? (
            <Flex gap={12} wrap align="end" style={{ marginTop: 16 }}>
              <label className="letter-field">
                <span>{t.documentNo}</span>
                <Input
                  aria-label={t.documentNo}
                  placeholder={t.documentNoPlaceholder}
                  value={documentNo}
                  maxLength={50}
                  onChange={(e) => setDocumentNo(e.target.value)}
                />
              </label>
              <label className="letter-field">
                <span>{t.publishedOn}</span>
                <Input
                  aria-label={t.publishedOn}
                  type="date"
                  value={publishedOn}
                  onChange={(e) => setPublishedOn(e.target.value)}
                />
              </label>
              <Popconfirm title={fmt(t.confirm, { count: pendingCount })} onConfirm={submit}>
                <Button type="primary" loading={publish.isPending}>
                  {t.publish}
                </Button>
              </Popconfirm>
            </Flex>
          ) : null}
          {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} /> : null}
        </Card>
        <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{t.history}</h2>}>
          <Table
            size="small"
            rowKey="id"
            loading={data.isFetching}
            pagination={{
              current: historyPage,
              pageSize: 10,
              total: data.data?.total ?? 0,
              hideOnSinglePage: true,
              showTotal: (n) => fmt(m.common.total, { total: n }),
              onChange: setHistoryPage,
            }}
            dataSource={data.data?.items ?? []}
            locale={{ emptyText: m.common.none }}
            columns={[
              { title: t.documentNo, dataIndex: 'documentNo' },
              { title: t.publishedOn, dataIndex: 'publishedOn' },
              { title: t.count, dataIndex: 'count' },
            ]}
          />
        </Card>
      </Flex>
    </>
  );
}
