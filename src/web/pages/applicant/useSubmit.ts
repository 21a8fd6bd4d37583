import { useState } from 'react';
import { App } from 'antd';
import type { ErrorDetail } from '../../../domain/errors.js';
import { useApplicationAction, type ApplicationDetail } from '../../api/applications';
import { errorText, isApiError } from '../../api/client';
import { fmt, m } from '../../i18n';
import type { PledgeValue } from './checklist';
import type { Draft } from './useDraft';

const t = m.applicant.pledge;

interface Options {
  detail: ApplicationDetail;
  draft: Draft;
  pledge: PledgeValue;
  /** The server's 422: every problem at once, to show beside the fields and in the checklist. */
  onProblems: (details: ErrorDetail[]) => void;
  onDone: () => void;
}

/** Submitting: confirm, save what is pending, then submit with the pledge; the server has the last word. */
export function useSubmit({ detail, draft, pledge, onProblems, onDone }: Options) {
  const { modal, message } = App.useApp();
  const action = useApplicationAction(detail.id);
  const [failure, setFailure] = useState<string | null>(null);

  const send = async () => {
    setFailure(null);
    const saved = await draft.flush();
    if (!saved) {
      setFailure(fmt(t.failed, { message: t.blockedSaving }));
      return;
    }
    try {
      await action.mutateAsync({
        action: 'submit',
        pledge: {
          signerName: (pledge.signerName ?? '').trim(),
          agreed: pledge.agreed === true,
          ...(pledge.signerMismatchConfirmed ? { signerMismatchConfirmed: true } : {}),
        },
      });
      onDone();
      message.success(t.submitted);
      window.scrollTo({ top: 0 });
    } catch (e) {
      if (isApiError(e) && e.code === 'validation_failed' && e.details.length > 0) onProblems(e.details);
      setFailure(fmt(t.failed, { message: errorText(e) }));
    }
  };

  const start = () =>
    modal.confirm({
      title: t.submitConfirmTitle,
      content: t.submitConfirm,
      okText: t.submit,
      onOk: () => send(),
    });

  return { start, pending: action.isPending, failure };
}
