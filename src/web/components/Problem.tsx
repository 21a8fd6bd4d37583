import type { ReactNode } from 'react';
import { CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';

/**
 * A failure screen (a query that failed, a page that crashed) in the shape of antd's Result, drawn with
 * an icon and text only: Result carries its 403/404/500 illustrations (8.5 KB compressed) into every
 * chunk that imports it, and these screens are in the entry that the login page loads.
 */
export function Problem(props: { kind: 'error' | 'crash'; title: ReactNode; subTitle?: ReactNode; extra?: ReactNode }) {
  const Icon = props.kind === 'error' ? CloseCircleFilled : ExclamationCircleFilled;
  return (
    <div className="problem">
      <Icon className={`problem-icon problem-${props.kind}`} aria-hidden />
      <div className="problem-title">{props.title}</div>
      {props.subTitle ? <div className="problem-subtitle">{props.subTitle}</div> : null}
      {props.extra ? <div className="problem-extra">{props.extra}</div> : null}
    </div>
  );
}
