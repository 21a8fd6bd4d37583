import { CalendarOutlined } from '@ant-design/icons';
import { Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { lazy, Suspense, type CSSProperties } from 'react';

/** What the basic information's date field gives antd's DatePicker (one date, as Form.Item passes it). */
interface Props {
  id?: string;
  value?: Dayjs | null;
  onChange?: (date: Dayjs | null) => void;
  format: string;
  placeholder?: string;
  disabledDate?: (date: Dayjs) => boolean;
  style?: CSSProperties;
}

// The picker (rc-picker, its panels and locale: ~28 KB compressed) is not needed to show the basic
// information's first paint, only to change a date: it arrives after the form has painted (issue 17:
// the applicant editor's largest contentful paint waited for it).
const DatePicker = lazy(() =>
  import('antd/es/date-picker').then(({ default: Picker }) => ({
    default: (p: Props) => <Picker {...p} onChange={(d) => p.onChange?.(d)} />,
  })),
);

/**
 * antd's DatePicker, loaded after first paint. Until it has arrived the field shows the value in a
 * read-only input with the same id (so its label, and the form's scroll to a field in error, find
 * it), the same placeholder, width and calendar mark.
 */
export function LazyDatePicker(props: Props) {
  const { id, value, format, placeholder, style } = props;
  return (
    <Suspense
      fallback={
        <Input
          id={id}
          readOnly
          value={value ? value.format(format) : ''}
          placeholder={placeholder}
          style={style}
          suffix={<CalendarOutlined style={{ color: 'rgba(0, 0, 0, 0.25)' }} />}
        />
      }
    >
      <DatePicker {...props} />
    </Suspense>
  );
}
