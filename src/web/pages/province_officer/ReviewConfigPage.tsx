import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Skeleton, Switch, Tag, Typography } from 'antd';
import { IntegrityPlaceholderNotice } from '../review/IntegrityPlaceholderNotice';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  CRITERIA_TOTAL_WEIGHT,
  criterionInput,
  type UpdateReviewConfigRequest,
} from '../../../domain/schemas/review.js';
import { useReviewConfig, useUpdateReviewConfig } from '../../api/review';
import { applyServerErrors } from '../../components/formErrors';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { zodRule } from '../../components/zodRule';
import { formatTime } from '../../format';
import { fmt, m } from '../../i18n';
import { useSearchParams } from 'react-router-dom';
import { useOpenBatches } from '../review/useDeadline';
import { ChecklistItemsEditor } from './ChecklistItemsEditor';

const t = m.review.config;
type Values = Omit<UpdateReviewConfigRequest, 'version' | 'provinceId'>;

/** The province's review configuration for a batch (?batch=, else the first open one): checklist, integrity text, scoring criteria, recusal. */
export function ReviewConfigPage() {
  const batches = useOpenBatches();
  // ?batch= names the batch (the batch page links here); otherwise the first open batch.
  const [params] = useSearchParams();
  const batchId = params.get('batch') ?? batches.data?.[0]?.id;
  const config = useReviewConfig(batchId);
  const update = useUpdateReviewConfig(batchId ?? '');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const c = config.data;
  const criteria = Form.useWatch('criteria', form) ?? [];
  const sum = criteria.reduce((s, x) => s + (Number(x?.weight) || 0), 0);

  useEffect(() => {
    if (c)
      form.setFieldsValue({
        checklist: c.checklist,
        acceptanceChecklist: c.acceptanceChecklist,
        integrityText: c.integrity.text,
        criteria: c.criteria,
        sameCityRecusal: c.sameCityRecusal,
      });
  }, [c, form]);

  if (config.isError) return <LoadFailed error={config.error} onRetry={() => void config.refetch()} />;
  if (!c) return <Skeleton active paragraph={{ rows: 12 }} />;
  const disabled = !c.canEdit;

  const save = (v: Values) => {
    setError(null);
    update.mutate(
      { ...v, version: c.version },
      {
        onSuccess: () => {
          message.success(t.saved);
        },
        onError: (e) =>
          setError(
            applyServerErrors(
              form,
              ['checklist', 'acceptanceChecklist', 'integrityText', 'criteria', 'sameCityRecusal'],
              e,
            ),
          ),
      },
    );
  };

  return (
    <>
      <PageHeader
        title={t.title}
        subtitle={fmt(t.subtitle, { batch: c.batchName, province: c.provinceName })}
        extra={
          c.canEdit ? (
            <Button type="primary" onClick={() => form.submit()} loading={update.isPending}>
              {m.common.save}
            </Button>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        {batchId ? <IntegrityPlaceholderNotice batchId={batchId} /> : null}
        {c.isDefault ? <Alert type="info" showIcon title={t.isDefault} /> : null}
        {c.updatedAt ? (
          <Typography.Text type="secondary">
            {fmt(t.updatedBy, { name: c.updatedByName ?? '', time: formatTime(c.updatedAt) })}
          </Typography.Text>
        ) : null}
        {error ? <Alert type="error" showIcon title={error} /> : null}
        <Form<Values> form={form} name="reviewConfig" layout="vertical" onFinish={save} disabled={disabled}>
          <Flex vertical gap={16}>
            <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{t.checklist}</h2>}>
              <ChecklistItemsEditor name="checklist" />
            </Card>
            <Card
              size="small"
              title={<h2 style={{ fontSize: 15, margin: 0 }}>{m.opinions.config.acceptanceChecklist}</h2>}
            >
              <ChecklistItemsEditor name="acceptanceChecklist" labels={m.opinions.config} />
            </Card>
            <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{c.integrity.title}</h2>}>
              <Typography.Paragraph type="secondary">
                {fmt(t.integrityHint, { version: c.integrity.version })}
              </Typography.Paragraph>
              <Form.Item
                name="integrityText"
                rules={[{ required: true, whitespace: true, message: t.integrityRequired }]}
              >
                <Input.TextArea
                  aria-label={c.integrity.title}
                  autoSize={{ minRows: 6, maxRows: 20 }}
                  maxLength={20000}
                />
              </Form.Item>
            </Card>
            <Card
              size="small"
              title={<h2 style={{ fontSize: 15, margin: 0 }}>{t.criteria}</h2>}
              extra={
                <Tag color={sum === CRITERIA_TOTAL_WEIGHT ? 'green' : 'red'}>
                  {fmt(t.weightSum, { sum, total: CRITERIA_TOTAL_WEIGHT })}
                </Tag>
              }
            >
              <Form.List name="criteria">
                {(fields, { add, remove }) => (
                  <Flex vertical gap={4}>
                    {fields.map((f, i) => (
                      <Flex key={f.key} gap={8} align="flex-start" wrap>
                        {/* The key travels with the criterion, so submitted scores keep their meaning. */}
                        <Form.Item name={[f.name, 'key']} hidden>
                          <Input />
                        </Form.Item>
                        <Form.Item
                          name={[f.name, 'label']}
                          style={{ flex: '1 1 180px', marginBottom: 8 }}
                          rules={[
                            zodRule(criterionInput.shape.label),
                            { required: true, message: t.criterionRequired },
                          ]}
                        >
                          <Input aria-label={fmt(t.criterionN, { n: i + 1 })} maxLength={50} />
                        </Form.Item>
                        <Form.Item
                          name={[f.name, 'weight']}
                          style={{ marginBottom: 8 }}
                          rules={[{ required: true, message: t.weightRequired }]}
                        >
                          <InputNumber
                            aria-label={fmt(t.weightN, { n: i + 1 })}
                            min={1}
                            max={CRITERIA_TOTAL_WEIGHT}
                            precision={0}
                            suffix={t.points}
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'description']} style={{ flex: '2 1 240px', marginBottom: 8 }}>
                          <Input
                            aria-label={fmt(t.descriptionN, { n: i + 1 })}
                            placeholder={t.description}
                            maxLength={500}
                          />
                        </Form.Item>
                        <Button
                          icon={<DeleteOutlined />}
                          aria-label={fmt(t.removeN, { n: i + 1 })}
                          onClick={() => remove(f.name)}
                        />
                      </Flex>
                    ))}
                    <Button
                      icon={<PlusOutlined />}
                      onClick={() => add({ label: '', weight: 10 })}
                      style={{ alignSelf: 'flex-start' }}
                    >
                      {t.addCriterion}
                    </Button>
                  </Flex>
                )}
              </Form.List>
            </Card>
            <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{t.recusal}</h2>}>
              <Flex gap={12} align="center">
                <Form.Item name="sameCityRecusal" valuePropName="checked" noStyle>
                  <Switch aria-label={t.recusal} />
                </Form.Item>
                <Typography.Text>{t.recusalHint}</Typography.Text>
              </Flex>
            </Card>
          </Flex>
        </Form>
      </Flex>
    </>
  );
}
