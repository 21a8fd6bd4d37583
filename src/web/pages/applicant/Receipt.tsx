import { Alert, Button, Card, Descriptions, Flex, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { formatVerificationCode, verificationCode } from '../../../domain/verification-code.js';
import type { ApplicationDetail } from '../../api/applications';
import { formatTime } from '../../format';
import { fmt, m } from '../../i18n';

const t = m.applicant.status;

/**
 * Prints the receipt alone, on one page: a copy of it is put at the top of the document, which the
 * print style shows without the rest of the page (hidden content would still take pages).
 */
function printReceipt() {
  const receipt = document.querySelector('.receipt');
  if (!receipt) return;
  const root = document.createElement('div');
  root.id = 'print-root';
  root.appendChild(receipt.cloneNode(true));
  document.body.appendChild(root);
  document.body.classList.add('printing-receipt');
  const done = () => {
    document.body.classList.remove('printing-receipt');
    root.remove();
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

/**
 * The submission receipt, one printable page: number, time, the 12-character 校验码 printed on every
 * PDF page (one name for it everywhere), and the full SHA-256 it is taken from.
 */
export function Receipt({ detail }: { detail: ApplicationDetail }) {
  if (!detail.snapshot || !detail.number) return null;
  const { snapshot, pledge } = detail;
  return (
    <Card
      title={<h2 className="side-title">{t.receipt}</h2>}
      className="receipt"
      extra={
        <Button icon={<PrinterOutlined />} onClick={printReceipt} className="no-print">
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
            key: 'code',
            label: m.process.receipt.code,
            children: (
              <Flex vertical gap={4}>
                <Typography.Text strong className="receipt-code" data-testid="receipt-code">
                  {formatVerificationCode(verificationCode(snapshot.sha256))}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {m.process.receipt.codeHint}
                </Typography.Text>
              </Flex>
            ),
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
