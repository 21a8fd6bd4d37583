import { Tag } from 'antd';
import { statusLabels, type ApplicationStatus } from '../../../domain/workflow.js';
import { dispatchStatusLabels, type DispatchStatus } from '../../../domain/workflow.js';
import './status-tags.css';

const COLORS: Record<ApplicationStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  withdrawn: 'default',
  returned: 'orange',
  declined: 'red',
  recommended: 'green',
  dispatched_to_province: 'cyan',
  accepted: 'geekblue',
  correction_requested: 'orange',
  province_recommended: 'green',
  province_declined: 'red',
  dispatched_to_ministry: 'cyan',
  filed: 'green',
  not_filed: 'red',
  cancelled: 'red',
};

export function StatusTag({ status }: { status: ApplicationStatus }) {
  return <Tag color={COLORS[status]}>{statusLabels[status]}</Tag>;
}

const DISPATCH_COLORS: Record<DispatchStatus, string> = {
  draft: 'default',
  returned: 'orange',
  sent: 'blue',
  received: 'green',
};

export function DispatchStatusTag({ status }: { status: DispatchStatus }) {
  return <Tag color={DISPATCH_COLORS[status]}>{dispatchStatusLabels[status]}</Tag>;
}
