import { useState, type KeyboardEvent } from 'react';
import { Flex, Input, Tag } from 'antd';

const SEPARATORS = /[、，,;；\n]/;

interface Props {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  onBlur?: () => void;
  placeholder?: string;
  max: number;
  maxLength: number;
  'aria-describedby'?: string;
}

/**
 * A list of short texts (主要专业方向): typed one after another, each ended by Enter, 、 or a comma
 * (leaving the field keeps what was typed); each tag has its own delete button.
 */
export function TagListInput({ id, value = [], onChange, onBlur, placeholder, max, maxLength, ...aria }: Props) {
  const [text, setText] = useState('');
  const add = (raw: string) => {
    const items = raw
      .split(SEPARATORS)
      .map((s) => s.trim())
      .filter(Boolean);
    if (items.length === 0) return;
    const next = [...value];
    for (const item of items) if (!next.includes(item) && next.length < max) next.push(item);
    onChange?.(next);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add(text);
      setText('');
    } else if (e.key === 'Backspace' && text === '' && value.length > 0) {
      onChange?.(value.slice(0, -1));
    }
  };
  return (
    <div>
      {value.length > 0 ? (
        <Flex wrap gap={6} style={{ marginBottom: 8 }}>
          {value.map((item) => (
            <Tag
              key={item}
              closable={{ 'aria-label': `删除“${item}”` }}
              onClose={(e) => {
                e.preventDefault();
                onChange?.(value.filter((v) => v !== item));
              }}
              style={{ fontSize: 14, padding: '2px 8px', marginInlineEnd: 0 }}
            >
              {item}
            </Tag>
          ))}
        </Flex>
      ) : null}
      <Input
        id={id}
        value={text}
        maxLength={maxLength}
        placeholder={value.length >= max ? undefined : placeholder}
        disabled={value.length >= max}
        onChange={(e) => {
          const v = e.target.value;
          if (SEPARATORS.test(v)) {
            add(v);
            setText('');
          } else setText(v);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          add(text);
          setText('');
          onBlur?.();
        }}
        aria-describedby={aria['aria-describedby']}
      />
    </div>
  );
}
