import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Typography } from 'antd';
import {
  APPLICATION_FILE_KINDS,
  applicationFileKindLabels,
  type ApplicationFileKind,
} from '../../../domain/schemas/applications.js';
import { updateBatchRequest } from '../../../domain/schemas/batches.js';
import { errorText, isApiError } from '../../api/client';
import { useUpdateBatch, type Batch } from '../../api/batches';
import { m } from '../../i18n';

const t = m.batches.required;
const kindsSchema = updateBatchRequest.shape.requiredFileKinds;

/** The uploads a submission must include, as check boxes; editable by the system administrator. */
export function RequiredKindsCard({ batch, canEdit }: { batch: Batch; canEdit: boolean }) {
  const saved = batch.requiredFileKinds as ApplicationFileKind[];
  const [kinds, setKinds] = useState<ApplicationFileKind[]>(saved);
  const [failure, setFailure] = useState<string | null>(null);
  const update = useUpdateBatch();
  const { message } = App.useApp();
  const savedKey = saved.join(',');
  // A reload (after saving, or another person's change) shows what the server holds.
  useEffect(() => setKinds(batch.requiredFileKinds as ApplicationFileKind[]), [savedKey, batch.requiredFileKinds]);
  const dirty = [...kinds].sort().join(',') !== [...saved].sort().join(',');

  const save = () => {
    setFailure(null);
    const parsed = kindsSchema.safeParse(kinds);
    if (!parsed.success) {
      setFailure(parsed.error.issues[0]?.message ?? '');
      return;
    }
    // Kept in the catalogue's order, whatever order they were ticked in.
    const ordered = APPLICATION_FILE_KINDS.filter((k) => kinds.includes(k));
    update.mutate(
      { id: batch.id, version: batch.version, requiredFileKinds: ordered },
      {
        onSuccess: () => void message.success(t.saved),
        onError: (e) =>
          setFailure(isApiError(e) && e.code === 'version_conflict' ? m.batches.detail.conflict : errorText(e)),
      },
    );
  };

  return (
    <Card title={<h2 className="batch-card-title">{t.title}</h2>} size="small">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t.hint}
      </Typography.Paragraph>
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} role="alert" /> : null}
      {canEdit ? (
        <>
          <Checkbox.Group<ApplicationFileKind>
            className="batch-kinds"
            aria-label={t.title}
            value={kinds}
            onChange={(v) => setKinds(v)}
            options={APPLICATION_FILE_KINDS.map((k) => ({ value: k, label: applicationFileKindLabels[k] }))}
          />
          <Flex justify="flex-end" style={{ marginTop: 12 }}>
            <Button type="primary" onClick={save} disabled={!dirty} loading={update.isPending}>
              {t.save}
            </Button>
          </Flex>
        </>
      ) : saved.length === 0 ? (
        <Typography.Text type="secondary">{t.none}</Typography.Text>
      ) : (
        <ul className="batch-kind-list">
          {saved.map((k) => (
            <li key={k}>{applicationFileKindLabels[k] ?? k}</li>
          ))}
        </ul>
      )}
    </Card>
  );
}
