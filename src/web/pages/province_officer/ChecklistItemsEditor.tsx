import { Button, Flex, Form, Input } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { checklistItemInput } from '../../../domain/schemas/review.js';
import { zodRule } from '../../components/zodRule';
import { fmt, m } from '../../i18n';

const t = m.review.config;

interface Labels {
  itemN: string;
  removeN: string;
  addItem: string;
}

/** An editable list of checklist items (真实性审查 or 形式审查); each item keeps its key, so saved ticks stay attached. */
export function ChecklistItemsEditor({
  name,
  labels = t,
}: {
  name: 'checklist' | 'acceptanceChecklist';
  labels?: Labels;
}) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={4}>
          {fields.map((f, i) => (
            <Flex key={f.key} gap={8} align="flex-start">
              <Form.Item name={[f.name, 'key']} hidden>
                <Input />
              </Form.Item>
              <Form.Item
                name={[f.name, 'label']}
                style={{ flex: 1, marginBottom: 8 }}
                rules={[zodRule(checklistItemInput.shape.label), { required: true, message: t.itemRequired }]}
              >
                <Input aria-label={fmt(labels.itemN, { n: i + 1 })} maxLength={200} />
              </Form.Item>
              <Button
                icon={<DeleteOutlined />}
                aria-label={fmt(labels.removeN, { n: i + 1 })}
                onClick={() => remove(f.name)}
              />
            </Flex>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({ label: '' })} style={{ alignSelf: 'flex-start' }}>
            {labels.addItem}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
