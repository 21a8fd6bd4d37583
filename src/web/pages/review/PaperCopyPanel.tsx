import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Flex, Form, Input, InputNumber, List, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CodeStatus } from '../../../domain/schemas/dispatches.js';
import { normalizeVerificationCode, formatVerificationCode } from '../../../domain/verification-code.js';
import { errorText } from '../../api/client';
import { usePaperCopies, useRegisterPaperCopy, type PaperCopyResult } from '../../api/dispatches';
import { formatTime, TIME_ZONE } from '../../format';
import { fmt, m } from '../../i18n';

const t = m.review.paper;

const RESULT_TYPE: Record<CodeStatus, 'success' | 'warning' | 'error'> = {
  match: 'success',
  outdated: 'warning',
  other_application: 'error',
  unknown: 'error',
};

interface Values {
  code?: string;
  count: number;
  receivedOn: Dayjs;
  receivedBy?: string;
}

/**
 * Paper copies of one application (一式两份): type or scan the printed verification code; the
 * server says whether it is this submission, an older one, or another application's, shown prominently.
 */
export function PaperCopyPanel({
  applicationId,
  canRegister = true,
  bare,
}: {
  applicationId: string;
  canRegister?: boolean;
  /** Inside a modal that already carries the title. */
  bare?: boolean;
}) {
  const copies = usePaperCopies(applicationId);
  const register = useRegisterPaperCopy(applicationId);
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<PaperCopyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const totals = copies.data?.totals;

  const submit = (v: Values) => {
    setError(null);
    register.mutate(
      {
        count: v.count,
        receivedOn: v.receivedOn.tz(TIME_ZONE).format('YYYY-MM-DD'),
        receivedBy: v.receivedBy?.trim() || undefined,
        code: v.code?.trim() || undefined,
      },
      {
        onSuccess: (r) => {
          setResult(r);
          form.setFieldValue('code', '');
        },
        onError: (e) => {
          setResult(null);
          setError(errorText(e));
        },
      },
    );
  };

  const status = result?.paperCopy.codeStatus ?? null;
  return (
    <Card
      data-testid="paper-copies"
      size="small"
      title={bare ? undefined : <h2 style={{ fontSize: 15, margin: 0 }}>{t.title}</h2>}
      variant={bare ? 'borderless' : 'outlined'}
      styles={bare ? { body: { padding: 0 } } : undefined}
    >
      <Flex vertical gap={12}>
        {totals ? (
          <Flex wrap gap={8} align="center">
            <Tag color={totals.complete ? 'green' : 'orange'}>{totals.complete ? t.complete : t.incomplete}</Tag>
            <Typography.Text strong data-testid="paper-totals">
              {fmt(t.totals, { count: totals.count, expected: totals.expected })}
            </Typography.Text>
            {totals.flagged > 0 ? <Tag color="red">{fmt(t.flagged, { count: totals.flagged })}</Tag> : null}
          </Flex>
        ) : null}
        {result ? (
          <Alert
            data-testid="paper-result"
            type={status ? RESULT_TYPE[status] : result.paperCopy.counted ? 'success' : 'info'}
            showIcon
            title={
              <Typography.Text strong style={{ fontSize: 15 }}>
                {result.paperCopy.codeStatusLabel ?? t.noCode}
              </Typography.Text>
            }
            description={result.message}
          />
        ) : null}
        {error ? <Alert type="error" showIcon title={error} /> : null}
        {canRegister ? (
          <>
            <Typography.Text type="secondary">{t.hint}</Typography.Text>
            <Form<Values>
              name="paperCopy"
              form={form}
              layout="vertical"
              initialValues={{ count: 2, receivedOn: dayjs().tz(TIME_ZONE) }}
              onFinish={submit}
            >
              <Form.Item
                name="code"
                label={t.code}

                rules={[
                  {
                    validator: (_r, v?: string) =>
                      !v?.trim() || normalizeVerificationCode(v)
                        ? Promise.resolve()
                        : Promise.reject(new Error(t.codeInvalid)),
                  },
                ]}
              >
                <Input
                  placeholder={t.codePlaceholder}
                  autoComplete="off"
                  spellCheck={false}
                  style={{ fontFamily: 'monospace', fontSize: 16 }}
                  onPressEnter={() => form.submit()}
                />
              </Form.Item>
              <Flex wrap gap={12}>
                <Form.Item name="count" label={t.count} rules={[{ required: true, message: t.countRequired }]}>
                  <InputNumber min={1} max={10} precision={0} style={{ width: 100 }} />
                </Form.Item>
                <Form.Item
                  name="receivedOn"
                  label={t.receivedOn}
                  rules={[{ required: true, message: t.receivedOnRequired }]}
                >
                  <DatePicker allowClear={false} style={{ width: 150 }} />
                </Form.Item>
                <Form.Item name="receivedBy" label={t.receivedBy}>
                  <Input placeholder={t.receivedByPlaceholder} maxLength={50} style={{ width: 160 }} />
                </Form.Item>
              </Flex>
              <Button type="primary" htmlType="submit" loading={register.isPending}>
                {t.register}
              </Button>
            </Form>
          </>
        ) : null}
        <List
          size="small"
          header={<Typography.Text strong>{t.history}</Typography.Text>}
          dataSource={copies.data?.items ?? []}
          loading={copies.isPending}
          locale={{ emptyText: t.empty }}
          renderItem={(r) => (
            <List.Item>
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <Flex wrap gap={8} align="center">
                  <span>{r.receivedOn}</span>
                  <span>{fmt(t.copies, { count: r.count })}</span>
                  {r.code ? (
                    <code style={{ whiteSpace: 'nowrap' }}>{formatVerificationCode(r.code)}</code>
                  ) : (
                    <span>{t.noCode}</span>
                  )}
                  <Tag color={r.counted ? 'green' : 'red'}>
                    {r.counted ? t.counted : t.notCounted}
                    {r.codeStatusLabel ? `：${r.codeStatusLabel}` : ''}
                  </Tag>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {fmt(t.registeredBy, { name: r.receivedBy, time: formatTime(r.registeredAt) })}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      </Flex>
    </Card>
  );
}
