import { Descriptions, Flex, Typography } from 'antd';
import { provincialFilingFields } from '../../domain/application.js';
import { applicantPledgeText } from '../../domain/pledges.js';
import { formatVerificationCode, verificationCode } from '../../domain/verification-code.js';
import type { ApplicationDetail } from '../api/applications';
import { formatTime } from '../format';
import { fmt, m } from '../i18n';

const t = m.review.detail;

/** The provincial filing status, the attachment-4 pledge and the submitted version (with its paper code). */
export function ApplicationViewFiling({ detail }: { detail: ApplicationDetail }) {
  const filing = detail.content.provincialFiling as { status?: string; year?: number; documentNo?: string } | null;
  const status = provincialFilingFields.statusOptions.find((o) => o.value === filing?.status);
  return (
    <Flex vertical gap={16}>
      <Descriptions
        bordered
        size="small"
        column={1}
        title={<h2 style={{ fontSize: 15, margin: 0 }}>{provincialFilingFields.label}</h2>}
        className="application-form-table"
        styles={{ label: { width: 150 } }}
        items={[
          { key: 'status', label: provincialFilingFields.label, children: status?.label ?? m.common.none },
          ...(filing?.status === 'filed'
            ? [
                { key: 'year', label: provincialFilingFields.year.label, children: filing.year ?? m.common.none },
                {
                  key: 'no',
                  label: provincialFilingFields.documentNo.label,
                  children: filing.documentNo ?? m.common.none,
                },
              ]
            : []),
        ]}
      />
      <Descriptions
        bordered
        size="small"
        column={1}
        title={<h2 style={{ fontSize: 15, margin: 0 }}>{t.pledge}</h2>}
        className="application-form-table"
        styles={{ label: { width: 150 } }}
        items={[
          {
            key: 'text',
            label: applicantPledgeText.title,
            children: (
              <div>
                <Typography.Paragraph style={{ marginBottom: 4 }}>{applicantPledgeText.body}</Typography.Paragraph>
                {applicantPledgeText.items.map((i) => (
                  <Typography.Paragraph key={i} style={{ marginBottom: 2 }}>
                    {i}
                  </Typography.Paragraph>
                ))}
              </div>
            ),
          },
          { key: 'signer', label: t.pledgeSigner, children: detail.pledge?.signerName ?? t.pledgeNone },
          {
            key: 'at',
            label: t.pledgeSignedAt,
            children: detail.pledge ? formatTime(detail.pledge.signedAt) : m.common.none,
          },
          ...(detail.snapshot
            ? [
                {
                  key: 'snapshot',
                  label: t.snapshot,
                  children: `${fmt(t.snapshotSeq, { seq: detail.snapshot.seq })}（${formatTime(detail.snapshot.createdAt)}）`,
                },
                {
                  key: 'code',
                  label: t.code,
                  children: (
                    <Typography.Text code copyable data-testid="verification-code">
                      {formatVerificationCode(verificationCode(detail.snapshot.sha256))}
                    </Typography.Text>
                  ),
                },
                {
                  key: 'sha',
                  label: t.sha256,
                  children: (
                    <Typography.Text style={{ wordBreak: 'break-all', fontFamily: 'monospace', fontSize: 12 }}>
                      {detail.snapshot.sha256}
                    </Typography.Text>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Flex>
  );
}
