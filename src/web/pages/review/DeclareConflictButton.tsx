import { useState } from 'react';
import { App, Button } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import { useDeclareConflict } from '../../api/credit';
import { errorText } from '../../api/client';
import { fmt, m } from '../../i18n';
import { CommentModal } from './CommentModal';

const t = m.review.conflicts;

/** Declares a conflict of interest (回避) with an application's unit; the server then refuses the reviewer's actions on it. */
export function DeclareConflictButton({ unitId, unitName }: { unitId: string; unitName: string }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const declare = useDeclareConflict();
  const { message } = App.useApp();
  return (
    <>
      <Button block icon={<StopOutlined />} onClick={() => setOpen(true)}>
        {t.declare}
      </Button>
      <CommentModal
        open={open}
        title={fmt(t.declareFor, { unit: unitName })}
        label={t.reason}
        okText={t.declare}
        busy={declare.isPending}
        error={error}
        onCancel={() => setOpen(false)}
        onOk={(reason) =>
          declare.mutate(
            { unitId, reason },
            {
              onSuccess: () => {
                setOpen(false);
                setError(null);
                message.success(t.declared);
              },
              onError: (e) => setError(errorText(e)),
            },
          )
        }
      />
    </>
  );
}
