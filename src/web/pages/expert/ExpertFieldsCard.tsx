import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Select, Typography } from 'antd';
import { errorText } from '../../api/client';
import { useMyExpertFields, useSaveMyExpertFields } from '../../api/experts';
import { m } from '../../i18n';

const t = m.progress.fields;

/** The expert's professional fields, matched against 主要专业方向 when the province assigns in bulk. */
export function ExpertFieldsCard() {
  const mine = useMyExpertFields();
  const save = useSaveMyExpertFields();
  const { message } = App.useApp();
  const [fields, setFields] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const value = fields ?? mine.data ?? [];
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.title}</h2>} data-testid="expert-fields">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t.hint}</Typography.Text>
        {error ? <Alert type="error" showIcon title={error} /> : null}
        <Select
          mode="tags"
          aria-label={t.title}
          placeholder={t.placeholder}
          value={value}
          onChange={(v: string[]) => setFields(v)}
          loading={mine.isPending}
          open={false}
          tokenSeparators={[',', '，', '、']}
          style={{ width: '100%' }}
        />
        <Button
          type="primary"
          style={{ alignSelf: 'flex-start' }}
          loading={save.isPending}
          onClick={() =>
            save.mutate(value, {
              onSuccess: () => {
                setError(null);
                setFields(null);
                void message.success(t.saved);
              },
              onError: (e) => setError(errorText(e)),
            })
          }
        >
          {t.save}
        </Button>
      </Flex>
    </Card>
  );
}
