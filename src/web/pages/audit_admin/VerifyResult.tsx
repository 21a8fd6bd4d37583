import { Alert } from 'antd';
import type { AuditVerifyResult } from '../../api/types';
import { fmt, m } from '../../i18n';

/** The outcome of verifying the audit log (records, seals, signatures, anchors). */
export function VerifyResult({ result, onClose }: { result: AuditVerifyResult; onClose: () => void }) {
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        title={m.audit.verifyTitle}
        description={fmt(m.audit.intact, { count: result.count, sealed: result.sealed, seals: result.seals })}
        closable={{ onClose }}
        style={{ marginBottom: 16 }}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      title={m.audit.verifyTitle}
      description={
        <>
          {fmt(m.audit.broken, { seq: result.brokenAt ?? '?' })}
          {result.reason ? <div>{fmt(m.audit.reason, { reason: result.reason })}</div> : null}
        </>
      }
      closable={{ onClose }}
      style={{ marginBottom: 16 }}
    />
  );
}
