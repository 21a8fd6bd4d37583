import { useState } from 'react';
import { Alert, App, Button, Checkbox, Modal, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { INTEGRITY_PLACEHOLDER_MESSAGE } from '../../../domain/schemas/review.js';
import { errorText } from '../../api/client';
import { useAcknowledge, useReviewConfig } from '../../api/review';
import { formatTime } from '../../format';
import { fmt, m } from '../../i18n';
import './review.css';

const t = m.review.integrity;

/**
 * Before the first review in a batch the city reviewer reads and acknowledges the integrity rules
 * (六项承诺 / 八个严禁); until then the server refuses the review actions. Shows nothing when not required.
 */
export function IntegrityGate({ batchId, compact }: { batchId: string; compact?: boolean }) {
  const config = useReviewConfig(batchId);
  const ack = useAcknowledge(batchId);
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [agreed, setAgreed] = useState(false);
  const c = config.data;
  if (!c || !c.acknowledgement.required) return null;
  if (c.integrity.placeholder)
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="integrity-placeholder"
        title={t.required}
        description={INTEGRITY_PLACEHOLDER_MESSAGE}
      />
    );
  const done = c.acknowledgement.acknowledgedAt;
  if (done && compact) return null;
  if (done)
    return (
      <Alert
        type="success"
        data-testid="integrity-ok"
        showIcon
        icon={<SafetyCertificateOutlined />}
        title={fmt(t.done, { title: c.integrity.title, time: formatTime(done) })}
      />
    );
  return (
    <>
      <Alert
        type="warning"
        showIcon
        data-testid="integrity-gate"
        title={t.required}
        // The button goes under the text: beside it, in the narrow side column, it squeezed the
        // text to a few characters a line.
        description={
          <>
            <div>{fmt(t.requiredDetail, { title: c.integrity.title, batch: c.batchName })}</div>
            <Button type="primary" onClick={() => setOpen(true)} style={{ marginTop: 8 }}>
              {t.read}
            </Button>
          </>
        }
      />
      <Modal
        open={open}
        title={c.integrity.title}
        width={720}
        okText={t.confirm}
        okButtonProps={{ disabled: !agreed, loading: ack.isPending }}
        onCancel={() => setOpen(false)}
        onOk={() =>
          ack.mutate(c.integrity.version, {
            onSuccess: () => {
              setOpen(false);
              message.success(t.confirmed);
            },
            onError: (e) => {
              message.error(errorText(e));
            },
          })
        }
      >
        <div className="pledge-text" tabIndex={0} aria-label={c.integrity.title}>
          {c.integrity.text
            .split('\n')
            .map((line, i) => (line.trim() ? <Typography.Paragraph key={i}>{line}</Typography.Paragraph> : null))}
        </div>
        <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)} style={{ marginTop: 16 }}>
          {t.agree}
        </Checkbox>
      </Modal>
    </>
  );
}
