import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Input, Popconfirm, Select, Skeleton, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useBatches } from '../../api/batches';
import { errorText } from '../../api/client';
import { usePublications, usePublish, type Publications } from '../../api/publications';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { TIME_ZONE } from '../../format';
import { fmt, m } from '../../i18n';
import '../review/review.css';

const t = m.publication;
type Pending = Publications['pending'][number];

/**
 * The Ministry publishes a batch's decisions in one act (公布): the preview of every decision not yet
 * published, then the 文号 and date; only published decisions reach the public list and the applicants.
 */
export function PublicationPage() {
  const batches = useBatches();
  const [chosen, setChosen] = useState<string | undefined>();
  const batchId = chosen ?? batches.data?.[0]?.id;
  const data = usePublications(batchId);
  const publish = usePublish(batchId ?? '');
  const { message } = App.useApp();
  const [documentNo, setDocumentNo] = useState('');
  const [publishedOn, setPublishedOn] = useState(() => dayjs().tz(TIME_ZONE).format('YYYY-MM-DD'));
  const [error, setError] = useState<string | null>(null);

  if (batches.isError) return <LoadFailed error={batches.error} onRetry={() => void batches.refetch()} />;
  if (data.isError) return <LoadFailed error={data.error} onRetry={() => void data.refetch()} />;
  const pending = data.data?.pending ?? [];

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
                onChange={(v: string) => setChosen(v)}
              />
            </label>
          </Flex>
        </Card>
        <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{t.pending}</h2>}>
          {!data.data ? (
            <Skeleton active />
          ) : pending.length === 0 ? (
            <Empty description={t.none} />
          ) : (
            <Table<Pending>
              size="small"
              rowKey="applicationId"
              pagination={false}
              scroll={{ x: 640 }}
              dataSource={pending}
              columns={[
                { title: t.number, dataIndex: 'number' },
                { title: t.space, dataIndex: 'spaceName' },
                { title: t.unit, dataIndex: 'unitName' },
                { title: t.province, dataIndex: 'provinceName' },
                {
                  title: t.decision,
                  dataIndex: 'decision',
                  render: (d: Pending['decision']) =>
                    d === 'filed' ? <Tag color="green">{t.filed}</Tag> : <Tag color="red">{t.notFiled}</Tag>,
                },
              ]}
            />
          )}
          {pending.length > 0 ? (
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
              <Popconfirm title={fmt(t.confirm, { count: pending.length })} onConfirm={submit}>
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
            pagination={false}
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
