import { Button, Flex, Popconfirm } from 'antd';
import type { Registration } from '../../api/registrations-review';
import { fmt, m } from '../../i18n';
import { ScreenReaderOnly } from '../review/ScreenReaderOnly';

const t = m.review.registrations;

interface Props {
  registration: Registration;
  onApprove: (r: Registration) => void;
  onRefuse: (r: Registration) => void;
  /** On a phone: buttons of the default height side by side, large enough to tap; stacked small ones in the table. */
  narrow?: boolean;
}

/** 通过 (after a confirmation) and 不予通过 for a pending registration; nothing once it is decided. */
export function RegistrationActions({ registration: r, onApprove, onRefuse, narrow }: Props) {
  if (r.status !== 'pending') return null;
  const size = narrow ? 'middle' : 'small';
  return (
    <Flex vertical={!narrow} gap={narrow ? 8 : 6} align="start" wrap>
      <Popconfirm title={fmt(t.approveConfirm, { unit: r.unitName })} onConfirm={() => onApprove(r)}>
        <Button size={size} type="primary">
          {t.approve}
          <ScreenReaderOnly>：{r.unitName}</ScreenReaderOnly>
        </Button>
      </Popconfirm>
      <Button size={size} danger onClick={() => onRefuse(r)}>
        {t.refuse}
        <ScreenReaderOnly>：{r.unitName}</ScreenReaderOnly>
      </Button>
    </Flex>
  );
}

/** 核对营业执照: opens the licence beside the registration's data. */
export function ViewLicenceButton({
  registration: r,
  onView,
  narrow,
}: {
  registration: Registration;
  onView: (r: Registration) => void;
  narrow?: boolean;
}) {
  return (
    <Button
      size={narrow ? 'middle' : 'small'}
      type={narrow ? 'default' : 'link'}
      style={narrow ? undefined : { paddingInline: 0 }}
      onClick={() => onView(r)}
    >
      {t.viewLicence}
      <ScreenReaderOnly>：{r.unitName}</ScreenReaderOnly>
    </Button>
  );
}
