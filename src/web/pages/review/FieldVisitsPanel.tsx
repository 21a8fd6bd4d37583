import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Image,
  Input,
  Pagination,
  Select,
  Typography,
  Upload,
} from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  createFieldVisitRequest,
  FIELD_VISIT_SORTS,
  PHOTO_ACCEPT,
  PHOTO_TYPES_LABEL,
} from '../../../domain/schemas/experts.js';
import { PAGE_SIZES } from '../../../domain/schemas/pagination.js';
import { errorText } from '../../api/client';
import {
  useCreateFieldVisit,
  useFieldVisits,
  useUploadVisitPhoto,
  visitPhotoUrl,
  type FieldVisit,
} from '../../api/experts';
import { applyServerErrors } from '../../components/formErrors';
import { useClampPage, useListParams } from '../../components/useListParams';
import { zodRule } from '../../components/zodRule';
import { formatTime, TIME_ZONE } from '../../format';
import { fmt, m } from '../../i18n';

const t = m.review.visits;

function Photos({ visit, applicationId }: { visit: FieldVisit; applicationId: string }) {
  const upload = useUploadVisitPhoto(applicationId);
  const { message } = App.useApp();
  return (
    <Flex vertical gap={8}>
      {visit.photos.length ? (
        <Image.PreviewGroup>
          <Flex wrap gap={8}>
            {visit.photos.map((p) => (
              <Image
                key={p.id}
                width={120}
                height={90}
                style={{ objectFit: 'cover', borderRadius: 4 }}
                src={visitPhotoUrl(visit.id, p.id)}
                alt={fmt(t.photoAlt, { name: p.fileName })}
              />
            ))}
          </Flex>
        </Image.PreviewGroup>
      ) : null}
      {visit.editable ? (
        <Upload
          accept={PHOTO_ACCEPT}
          multiple
          showUploadList={false}
          customRequest={({ file, onSuccess, onError }) =>
            upload.mutate(
              { visitId: visit.id, file: file as File },
              {
                onSuccess: (r) => onSuccess?.(r),
                onError: (e) => {
                  message.error(errorText(e));
                  onError?.(e as Error);
                },
              },
            )
          }
        >
          <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
            {fmt(t.addPhotos, { types: PHOTO_TYPES_LABEL })}
          </Button>
        </Upload>
      ) : null}
    </Flex>
  );
}

interface Values {
  visitedOn: Dayjs;
  visitors: string;
  findings: string;
}

/**
 * Field-visit records (实地调研) of one application: date, visitors, findings, photos; paged on the
 * server, the latest visit first (page, size and order in the URL).
 */
export function FieldVisitsPanel({ applicationId }: { applicationId: string }) {
  const lp = useListParams(FIELD_VISIT_SORTS, { sort: 'visitedOn', order: 'desc', pageSize: 10 });
  const visits = useFieldVisits(applicationId, {
    page: lp.page,
    pageSize: lp.pageSize,
    sort: lp.sort,
    order: lp.order,
  });
  useClampPage(lp.page, lp.pageSize, visits.data?.total, (p) => lp.update({ page: String(p) }));
  // The server says whether the viewer may record a visit now (allowedActions).
  const canCreate = visits.data?.allowedActions.includes('create') ?? false;
  const create = useCreateFieldVisit(applicationId);
  const [form] = Form.useForm<Values>();
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const s = createFieldVisitRequest.shape;

  const submit = (v: Values) =>
    create.mutate(
      {
        visitedOn: v.visitedOn.tz(TIME_ZONE).format('YYYY-MM-DD'),
        visitors: v.visitors.trim(),
        findings: v.findings.trim(),
      },
      {
        onSuccess: () => {
          form.resetFields();
          setAdding(false);
          setError(null);
        },
        onError: (e) => setError(applyServerErrors(form, ['visitedOn', 'visitors', 'findings'], e)),
      },
    );

  const total = visits.data?.total ?? 0;
  return (
    <Flex vertical gap={12} data-testid="field-visits">
      {total > 1 ? (
        <Select
          aria-label={t.order}
          style={{ width: 200, alignSelf: 'flex-start' }}
          value={lp.order}
          onChange={(order) => lp.update({ sort: 'visitedOn', order: order === 'desc' ? undefined : order })}
          options={[
            { value: 'desc', label: t.latestFirst },
            { value: 'asc', label: t.earliestFirst },
          ]}
        />
      ) : null}
      {(visits.data?.items ?? []).map((v) => (
        <Card key={v.id} size="small" title={fmt(t.heading, { date: v.visitedOn })}>
          <Typography.Paragraph>
            <Typography.Text strong>{t.visitors}：</Typography.Text>
            {v.visitors}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
            <Typography.Text strong>{t.findings}：</Typography.Text>
            {v.findings}
          </Typography.Paragraph>
          <Photos visit={v} applicationId={applicationId} />
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
            {fmt(t.recordedBy, { name: v.createdByName ?? '', time: formatTime(v.createdAt) })}
          </Typography.Text>
        </Card>
      ))}
      {total > 0 ? (
        <Pagination
          size="small"
          current={lp.page}
          pageSize={lp.pageSize}
          total={total}
          showSizeChanger
          pageSizeOptions={PAGE_SIZES.map(String)}
          showTotal={(n) => fmt(m.common.total, { total: n })}
          onChange={(page, size) =>
            lp.update({
              page: size !== lp.pageSize ? undefined : String(page),
              pageSize: size === 10 ? undefined : String(size),
            })
          }
        />
      ) : null}
      {visits.data?.items.length === 0 && !adding ? <Empty description={t.empty} /> : null}
      {canCreate && !adding ? (
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} style={{ alignSelf: 'flex-start' }}>
          {t.add}
        </Button>
      ) : null}
      {adding ? (
        <Card size="small" title={t.add}>
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
          <Form<Values>
            name="fieldVisit"
            form={form}
            layout="vertical"
            onFinish={submit}
            initialValues={{ visitedOn: dayjs().tz(TIME_ZONE) }}
          >
            <Form.Item name="visitedOn" label={t.date} rules={[{ required: true, message: t.dateRequired }]}>
              <DatePicker allowClear={false} />
            </Form.Item>
            <Form.Item
              name="visitors"
              label={t.visitors}
              rules={[{ required: true, whitespace: true, message: t.visitorsRequired }, zodRule(s.visitors)]}
            >
              <Input placeholder={t.visitorsPlaceholder} maxLength={500} />
            </Form.Item>
            <Form.Item
              name="findings"
              label={t.findings}
              rules={[{ required: true, whitespace: true, message: t.findingsRequired }, zodRule(s.findings)]}
            >
              <Input.TextArea rows={5} maxLength={10000} showCount />
            </Form.Item>
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" loading={create.isPending}>
                {m.common.save}
              </Button>
              <Button onClick={() => setAdding(false)}>{m.common.cancel}</Button>
            </Flex>
          </Form>
        </Card>
      ) : null}
    </Flex>
  );
}
