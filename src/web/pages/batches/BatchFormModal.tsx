import { useEffect, useState } from 'react';
import { Alert, App, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import {
  APPLICATION_FILE_KINDS,
  applicationFileKindLabels,
  type ApplicationFileKind,
} from '../../../domain/schemas/applications.js';
import {
  BATCH_STATUSES,
  batchStatusLabels,
  createBatchRequest,
  deadlineKindLabels,
  updateBatchRequest,
  type Batch,
  type BatchStatus,
  type RecordedDates,
} from '../../../domain/schemas/batches.js';
import { isApiError } from '../../api/client';
import { useCreateBatch, useUpdateBatch } from '../../api/batches';
import { applyServerErrors } from '../../components/formErrors';
import { zodRule } from '../../components/zodRule';
import { fmt, m } from '../../i18n';

const t = m.batches.form;
const shape = createBatchRequest.shape;

interface BatchForm {
  name: string;
  year: number | null;
  status: BatchStatus;
  noticeText?: string;
  requiredFileKinds: ApplicationFileKind[];
  applicantToCity?: Dayjs | null;
  cityToProvince?: Dayjs | null;
  provinceToMinistry?: Dayjs | null;
}

const FIELDS = ['name', 'year', 'status', 'noticeText', 'requiredFileKinds', 'recordedDates'];
const RECORDED: (keyof RecordedDates)[] = ['applicantToCity', 'cityToProvince', 'provinceToMinistry'];
const RECORDED_LABEL: Record<keyof RecordedDates, string> = {
  applicantToCity: deadlineKindLabels.applicant,
  cityToProvince: deadlineKindLabels.city,
  provinceToMinistry: deadlineKindLabels.province,
};

const day = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : undefined);

function recordedOf(v: BatchForm): RecordedDates {
  const out: RecordedDates = {};
  for (const k of RECORDED) {
    const d = day(v[k]);
    if (d) out[k] = d;
  }
  return out;
}

function initialValues(batch: Batch | null): BatchForm {
  if (!batch) return { name: '', year: new Date().getFullYear(), status: 'open', requiredFileKinds: [] };
  const rd = batch.recordedDates;
  return {
    name: batch.name,
    year: batch.year,
    status: batch.status,
    noticeText: batch.noticeText,
    requiredFileKinds: batch.requiredFileKinds as ApplicationFileKind[],
    applicantToCity: rd.applicantToCity ? dayjs(rd.applicantToCity) : null,
    cityToProvince: rd.cityToProvince ? dayjs(rd.cityToProvince) : null,
    provinceToMinistry: rd.provinceToMinistry ? dayjs(rd.provinceToMinistry) : null,
  };
}

interface Props {
  open: boolean;
  /** The batch to edit; null creates a new one. */
  batch: Batch | null;
  onClose: () => void;
  onSaved?: (batch: Batch) => void;
}

/**
 * Creates a batch, or edits its name, year, notice and recorded dates (status and required uploads
 * have their own controls on the detail page). Checked with the shared schema; the server judges.
 */
export function BatchFormModal({ open, batch, onClose, onSaved }: Props) {
  const [form] = Form.useForm<BatchForm>();
  const create = useCreateBatch();
  const update = useUpdateBatch();
  const { message } = App.useApp();
  const [failure, setFailure] = useState<string | null>(null);
  const editing = batch !== null;

  useEffect(() => {
    if (open) {
      form.setFieldsValue(initialValues(batch));
      setFailure(null);
    }
    // Only when the modal opens: a reload while open must not overwrite what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  // After a 409 the batch is reloaded; once the newer version arrives, the form shows it.
  const [stale, setStale] = useState(false);
  useEffect(() => {
    if (stale && open && batch) {
      form.setFieldsValue(initialValues(batch));
      setStale(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [batch?.version]);

  const close = () => {
    form.resetFields();
    setFailure(null);
    onClose();
  };

  const onError = (e: unknown) => {
    if (isApiError(e) && e.code === 'version_conflict') {
      setFailure(m.batches.detail.conflict);
      setStale(true);
      return;
    }
    setFailure(applyServerErrors(form, FIELDS, e));
  };

  const submit = (v: BatchForm) => {
    setFailure(null);
    const common = {
      name: v.name.trim(),
      year: v.year ?? NaN,
      noticeText: v.noticeText ?? '',
      recordedDates: recordedOf(v),
    };
    if (batch) {
      update.mutate(
        { id: batch.id, version: batch.version, ...common },
        {
          onSuccess: (saved) => {
            message.success(t.saved);
            close();
            onSaved?.(saved);
          },
          onError,
        },
      );
    } else {
      create.mutate(
        {
          ...common,
          status: v.status,
          requiredFileKinds: v.requiredFileKinds,
          cityDeadlines: [],
        },
        {
          onSuccess: (saved) => {
            message.success(t.created);
            close();
            onSaved?.(saved);
          },
          onError,
        },
      );
    }
  };

  const required = (field: string) => ({ required: true, message: fmt(t.required, { field }) });

  return (
    <Modal
      open={open}
      title={editing ? t.editTitle : t.createTitle}
      okText={t.save}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={create.isPending || update.isPending}
      width={720}
      destroyOnHidden
      forceRender
    >
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form<BatchForm> form={form} layout="vertical" onFinish={submit} initialValues={initialValues(batch)}>
        <Form.Item name="name" label={t.name} rules={[required(t.name), zodRule(shape.name)]}>
          <Input maxLength={100} placeholder={t.namePlaceholder} autoComplete="off" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={10}>
            <Form.Item name="year" label={t.year} rules={[required(t.year), zodRule(shape.year)]}>
              <InputNumber style={{ width: '100%' }} min={2000} max={2100} precision={0} />
            </Form.Item>
          </Col>
          {editing ? null : (
            <Col xs={24} sm={14}>
              <Form.Item name="status" label={t.status}>
                <Radio.Group
                  aria-label={t.status}
                  options={BATCH_STATUSES.map((s) => ({ value: s, label: batchStatusLabels[s] }))}
                />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item
          name="noticeText"
          label={t.noticeText}
          extra={t.noticeHint}
          rules={[zodRule(updateBatchRequest.shape.noticeText)]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} />
        </Form.Item>
        {editing ? null : (
          <Form.Item name="requiredFileKinds" label={t.requiredFileKinds} extra={t.requiredHint}>
            <Checkbox.Group
              className="batch-kinds"
              options={APPLICATION_FILE_KINDS.map((k) => ({ value: k, label: applicationFileKindLabels[k] }))}
            />
          </Form.Item>
        )}
        <fieldset className="batch-fieldset">
          <legend>{t.recordedDates}</legend>
          <Row gutter={16}>
            {RECORDED.map((k) => (
              <Col xs={24} md={8} key={k}>
                <Form.Item name={k} label={RECORDED_LABEL[k]}>
                  <DatePicker format="YYYY-MM-DD" placeholder={t.datePlaceholder} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <div className="batch-hint">{t.recordedHint}</div>
        </fieldset>
      </Form>
    </Modal>
  );
}
