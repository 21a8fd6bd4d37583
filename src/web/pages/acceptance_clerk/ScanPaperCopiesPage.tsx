import { useRef, useState } from 'react';
import { Card, Flex, Form, Input, Table, Tag, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { todayInShanghai } from '../../../domain/application/dates.js';
import type { ScanPaperCopyRequest, ScanPaperCopyResponse } from '../../../domain/schemas/bulk.js';
import { APPLICATIONS_KEY } from '../../api/applications';
import { api, errorText } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { fmt, m } from '../../i18n';
import '../review/review.css';
import '../review/status-tags.css';

const t = m.bulk.scan;

interface ScanRow {
  key: number;
  at: string;
  code: string;
  ok: boolean;
  application: ScanPaperCopyResponse['application'] | null;
  message: string;
}

/**
 * 扫码登记: the clerk scans the 校验码 on each paper copy, one after another. The input keeps the
 * focus; every scan (Enter, as a scanner sends it) registers one copy on the server, and the outcome
 * is added at the top of a running list, refused scans included with their reason.
 */
export function ScanPaperCopiesPage({ appBase }: { appBase: string }) {
  const [code, setCode] = useState('');
  const [receivedOn, setReceivedOn] = useState(todayInShanghai());
  const [rows, setRows] = useState<ScanRow[]>([]);
  const input = useRef<InputRef>(null);
  const qc = useQueryClient();
  const scan = useMutation({
    mutationFn: (body: ScanPaperCopyRequest) => api.post<ScanPaperCopyResponse>('/api/paper-copies/scans', body),
    onSettled: () => void qc.invalidateQueries({ queryKey: APPLICATIONS_KEY }),
  });

  const submit = async () => {
    const value = code.trim();
    if (!value) return;
    setCode('');
    const at = new Date().toLocaleTimeString('zh-CN', { hour12: false });
    const key = Date.now() + Math.random();
    try {
      const r = await scan.mutateAsync({ code: value, receivedOn });
      setRows((prev) => [{ key, at, code: value, ok: true, application: r.application, message: r.message }, ...prev]);
    } catch (e) {
      setRows((prev) => [{ key, at, code: value, ok: false, application: null, message: errorText(e) }, ...prev]);
    }
    input.current?.focus();
  };

  return (
    <>
      <PageHeader title={t.title} subtitle={t.subtitle} />
      <Card>
        <Form layout="vertical" onFinish={() => void submit()}>
          <Flex gap={16} wrap align="end">
            <Form.Item label={t.input} htmlFor="scan-code" style={{ flex: '1 1 360px', marginBottom: 0 }}>
              <Input
                id="scan-code"
                ref={input}
                autoFocus
                autoComplete="off"
                value={code}
                placeholder={t.placeholder}
                onChange={(e) => setCode(e.target.value)}
                onBlur={() => setTimeout(() => input.current?.focus(), 0)}
                onPressEnter={(e) => {
                  e.preventDefault();
                  void submit();
                }}
              />
            </Form.Item>
            <Form.Item label={t.receivedOn} htmlFor="scan-received-on" style={{ marginBottom: 0 }}>
              <Input
                id="scan-received-on"
                type="date"
                value={receivedOn}
                max={todayInShanghai()}
                onChange={(e) => setReceivedOn(e.target.value)}
              />
            </Form.Item>
          </Flex>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }} aria-live="polite">
          {fmt(t.scanned, { count: rows.filter((r) => r.ok).length })}
        </Typography.Paragraph>
        <Table<ScanRow>
          rowKey="key"
          size="middle"
          className="scan-results"
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: t.empty }}
          columns={[
            { title: t.time, dataIndex: 'at', key: 'at', width: 100 },
            { title: t.code, dataIndex: 'code', key: 'code', width: 170 },
            {
              title: t.application,
              key: 'application',
              width: 300,
              render: (_: unknown, r) =>
                r.application ? (
                  <Link to={`${appBase}/${r.application.id}`}>
                    {r.application.spaceName ?? m.review.queue.unnamed}
                    {r.application.number ? `（${r.application.number}）` : ''}
                  </Link>
                ) : (
                  m.common.none
                ),
            },
            {
              title: t.result,
              key: 'result',
              render: (_: unknown, r) => (
                <Flex gap={8} align="start">
                  <Tag color={r.ok ? 'success' : 'error'}>{r.ok ? t.ok : t.refused}</Tag>
                  <span>{r.message}</span>
                </Flex>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
