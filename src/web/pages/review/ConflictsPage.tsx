import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { CONFLICT_SORTS, declareConflictRequest } from '../../../domain/schemas/integrity.js';
import { errorText } from '../../api/client';
import { useConflicts, useDeclareConflict, useWithdrawConflict, type Conflict } from '../../api/credit';
import { applyServerErrors } from '../../components/formErrors';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { useClampPage, useListParams } from '../../components/useListParams';
import { zodRule } from '../../components/zodRule';
import { formatTime } from '../../format';
import { m } from '../../i18n';
import { ScreenReaderOnly } from './ScreenReaderOnly';
import { ListSearch } from '../../components/ListSearch';

const t = m.review.conflicts;

/** The user's own declarations of conflict of interest (回避): list (paged on the server), declare by USCC, withdraw. */
export function ConflictsPage() {
  const lp = useListParams(CONFLICT_SORTS, { sort: 'declaredAt', order: 'desc' });
  const q = lp.params.get('q') ?? undefined;
  const list = useConflicts(q, { page: lp.page, pageSize: lp.pageSize, sort: lp.sort, order: lp.order });
  useClampPage(lp.page, lp.pageSize, list.data?.total, (p) => lp.update({ page: String(p) }));
  const declare = useDeclareConflict();
  const withdraw = useWithdrawConflict();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ uscc: string; reason: string }>();

  const submit = (v: { uscc: string; reason: string }) =>
    declare.mutate(
      { uscc: v.uscc.trim().toUpperCase(), reason: v.reason.trim() },
      {
        onSuccess: () => {
          setOpen(false);
          form.resetFields();
          message.success(t.declared);
        },
        onError: (e) => setError(applyServerErrors(form, ['uscc', 'reason', 'unitId'], e)),
      },
    );

  const columns: TableColumnsType<Conflict> = [
    {
      title: t.unit,
      dataIndex: 'unitName',
      key: 'unitName',
      width: 240,
      sorter: true,
      sortOrder: lp.sortOrderOf('unitName'),
    },
    {
      title: t.uscc,
      dataIndex: 'uscc',
      key: 'uscc',
      width: 190,
      render: (v: string | null) => v ?? m.common.none,
    },
    { title: t.reason, dataIndex: 'reason', key: 'reason' },
    {
      title: t.declaredAt,
      dataIndex: 'declaredAt',
      key: 'declaredAt',
      width: 170,
      sorter: true,
      sortOrder: lp.sortOrderOf('declaredAt'),
      render: (v: string) => formatTime(v),
    },
    {
      title: m.common.actions,
      key: 'actions',
      width: 90,
      render: (_: unknown, c: Conflict) => (
        <Popconfirm
          title={t.withdrawConfirm}
          onConfirm={() =>
            withdraw.mutate(c.id, {
              onError: (e) => {
                message.error(errorText(e));
              },
            })
          }
        >
          <Button size="small">
            {t.withdraw}
            <ScreenReaderOnly>：{c.unitName}</ScreenReaderOnly>
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t.title}
        subtitle={t.subtitle}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setError(null);
              setOpen(true);
            }}
          >
            {t.byUscc}
          </Button>
        }
      />
      <Card>
        <ListSearch
          q={q}
          label={t.search}
          style={{ width: 320, maxWidth: '100%', marginBottom: 16 }}
          onSearch={(q) => lp.update({ q })}
        />
        {list.isError ? (
          <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Conflict>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            dataSource={list.data?.items}
            {...lp.tableProps<Conflict>(list.data?.total)}
            locale={{ emptyText: t.empty }}
            scroll={{ x: 800 }}
            columns={columns}
          />
        )}
      </Card>
      <Modal
        open={open}
        title={t.byUscc}
        okText={t.declare}
        okButtonProps={{ loading: declare.isPending }}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} name="conflict" layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item
            name="uscc"
            label={t.uscc}
            rules={[
              { required: true, whitespace: true, message: t.usccRequired },
              zodRule(declareConflictRequest.shape.uscc),
            ]}
          >
            <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t.reason}
            rules={[
              { required: true, whitespace: true, message: t.reasonRequired },
              zodRule(declareConflictRequest.shape.reason),
            ]}
          >
            <Input.TextArea rows={3} placeholder={t.reasonPlaceholder} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
