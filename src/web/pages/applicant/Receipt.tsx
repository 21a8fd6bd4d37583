import { Alert, Button, Card, Descriptions, Flex, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { ApplicationDetail } from '../../api/applications';
import { formatTime } from '../../format';
import { fmt, m } from '../../i18n';

const t = m.applicant.status;

/** The submission receipt: number, time and the SHA-256 fingerprint of the frozen snapshot. */
export function Receipt({ detail }: { detail: ApplicationDetail }) {
  if (!detail.snapshot || !detail.number) return null;
  const { snapshot, pledge } = detail;
  return (
    <Card
      title={<h2 className="side-title">{t.receipt}</h2>}
      className="receipt"
      extra={
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} className="no-print">
          {t.print}
        </Button>
      }
    >
      <Alert
        type="success"
        showIcon
        title={fmt(t.receiptText, { city: detail.cityName })}
        style={{ marginBottom: 16 }}
      />
      <Descriptions
        column={1}
        bordered
        size="small"
        items={[
          { key: 'number', label: t.number, children: <span className="receipt-number">{detail.number}</span> },
          {
            key: 'at',
            label: t.submittedAt,
            children: `${formatTime(snapshot.createdAt)}（${fmt(t.round, { seq: snapshot.seq })}）`,
          },
          {
            key: 'sha',
            label: t.fingerprint,
            children: (
              <Flex vertical gap={4}>
                <Typography.Text
                  code
                  copyable={{ text: snapshot.sha256, tooltips: [t.copy, t.copied] }}
                  className="receipt-sha"
                >
                  {snapshot.sha256}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t.fingerprintHint}
                </Typography.Text>
              </Flex>
            ),
          },
          ...(pledge
            ? [{ key: 'signer', label: t.signer, children: `${pledge.signerName}（${formatTime(pledge.signedAt)}）` }]
            : []),
        ]}
      />
    </Card>
  );
}
