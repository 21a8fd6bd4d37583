import { useEffect } from 'react';
import { App } from 'antd';
import { useBlocker } from 'react-router-dom';
import { m } from '../../i18n';
import { LOGIN_PATH } from '../../navigation';

const t = m.applicant.save;

/** Asks before leaving the page for another route while changes are not on the server yet. */
export function useLeaveGuard(unsaved: boolean) {
  const { modal } = App.useApp();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      unsaved && currentLocation.pathname !== nextLocation.pathname && nextLocation.pathname !== LOGIN_PATH,
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t.leaveTitle,
      content: t.leaveText,
      okText: t.leave,
      cancelText: t.stay,
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal]);
}
