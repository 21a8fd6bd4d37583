import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Flex, Modal, Progress, Typography, type ButtonProps } from 'antd';
import { CheckCircleFilled, DownloadOutlined } from '@ant-design/icons';
import { ApiError, errorText, failureOf } from '../api/client';
import {
  formatSize,
  percentOf,
  readWithProgress,
  type DownloadedFile,
  type DownloadProgress,
} from '../api/downloadStream';
import { fmt, m } from '../i18n';
import './download.css';

const t = m.download;

/** A download that is still running after this long opens the progress dialog; quicker ones just save. */
export const PROGRESS_DELAY_MS = 1000;

type State =
  | { phase: 'idle' }
  | { phase: 'running'; label: string; progress: DownloadProgress; startedAt: number }
  | { phase: 'done'; label: string; file: DownloadedFile }
  | { phase: 'failed'; label: string; message: string };

/** Hands a finished file to the browser's save, under the server's file name. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The browser has taken the file once the click is handled; keep the URL a while for slow disks.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

/**
 * Downloads a file the server produces (with the session cookie), reading the body as a stream. A
 * download that takes longer than a second shows a dialog with its progress (percent when the length
 * or an estimate is known, else bytes and time with a running bar), can be cancelled, and offers the
 * file again when it is ready. Errors show the server's message. Render `modal` once.
 */
export function useDownload() {
  const [state, setState] = useState<State>({ phase: 'idle' });
  const [shown, setShown] = useState(false);
  const [, tick] = useState(0);
  const controller = useRef<AbortController | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const last = useRef<{ url: string; label: string } | null>(null);

  const stop = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    window.clearTimeout(timer.current);
  }, []);
  useEffect(() => stop, [stop]);

  // The elapsed time moves on while the server is still producing.
  const running = state.phase === 'running';
  useEffect(() => {
    if (!running) return;
    const id = window.setInterval(() => tick((n) => n + 1), 500);
    return () => window.clearInterval(id);
  }, [running]);

  const start = useCallback(async (url: string, label: string) => {
    if (controller.current) return;
    const ctl = new AbortController();
    controller.current = ctl;
    last.current = { url, label };
    const startedAt = Date.now();
    const initial: DownloadProgress = { received: 0, total: null, expected: null };
    setState({ phase: 'running', label, progress: initial, startedAt });
    setShown(false);
    timer.current = window.setTimeout(() => setShown(true), PROGRESS_DELAY_MS);
    let lastPaint = 0;
    try {
      let res: Response;
      try {
        res = await fetch(url, { credentials: 'same-origin', signal: ctl.signal, headers: { accept: '*/*' } });
      } catch (e) {
        if (isAbort(e)) throw e;
        throw new ApiError(0, 'network', m.common.networkError);
      }
      if (!res.ok) throw await failureOf(res);
      const file = await readWithProgress(res, (progress) => {
        // At most ten repaints a second, however small the chunks.
        const now = Date.now();
        if (now - lastPaint < 100 && progress.received !== progress.total) return;
        lastPaint = now;
        setState({ phase: 'running', label, progress, startedAt });
      }).catch((e: unknown) => {
        if (isAbort(e) || e instanceof ApiError) throw e;
        throw new ApiError(0, 'interrupted', t.interrupted);
      });
      window.clearTimeout(timer.current);
      saveFile(file);
      setState({ phase: 'done', label, file });
    } catch (e) {
      window.clearTimeout(timer.current);
      if (isAbort(e)) {
        setState({ phase: 'idle' });
        setShown(false);
        return;
      }
      // Leaving for the login page: no dialog over it.
      if (e instanceof ApiError && (e.code === 'session_expired' || e.code === 'unauthorized')) {
        setState({ phase: 'idle' });
        setShown(false);
        return;
      }
      setState({ phase: 'failed', label, message: errorText(e) });
      setShown(true);
    } finally {
      if (controller.current === ctl) controller.current = null;
    }
  }, []);

  const close = useCallback(() => {
    stop();
    setShown(false);
    setState({ phase: 'idle' });
  }, [stop]);

  const retry = useCallback(() => {
    const again = last.current;
    if (again) void start(again.url, again.label);
  }, [start]);

  const modal = <DownloadModal state={state} open={shown} onCancel={close} onRetry={retry} />;
  return { start, busy: state.phase === 'running', modal };
}

function DownloadModal({
  state,
  open,
  onCancel,
  onRetry,
}: {
  state: State;
  open: boolean;
  onCancel: () => void;
  onRetry: () => void;
}) {
  const focus = useRef<HTMLButtonElement>(null);
  const phase = state.phase;
  useEffect(() => {
    if (open) window.setTimeout(() => focus.current?.focus(), 0);
  }, [open, phase]);

  let title = '';
  let body: ReactNode = null;
  let footer: ReactNode[] = [];
  if (state.phase === 'running') {
    const { progress, startedAt } = state;
    const percent = percentOf(progress);
    const seconds = Math.max(0, Math.round((Date.now() - startedAt) / 1000));
    const size = formatSize(progress.received);
    const amount = progress.total
      ? fmt(t.receivedOf, { size, total: formatSize(progress.total) })
      : progress.expected && percent !== null
        ? fmt(t.receivedOfAbout, { size, total: formatSize(progress.expected) })
        : progress.received > 0
          ? fmt(t.received, { size })
          : t.waiting;
    title = t.running;
    body = (
      <Flex vertical gap={8}>
        <Typography.Text>{fmt(t.what, { label: state.label })}</Typography.Text>
        {percent === null ? (
          <div className="download-indeterminate" role="progressbar" aria-label={t.progress} aria-valuetext={amount}>
            <div className="download-indeterminate-bar" />
          </div>
        ) : (
          <Progress percent={percent} status="active" aria-label={t.progress} />
        )}
        <Typography.Text type="secondary" aria-live="polite" data-testid="download-amount">
          {amount}
        </Typography.Text>
        <Typography.Text type="secondary">{fmt(t.elapsed, { seconds })}</Typography.Text>
      </Flex>
    );
    footer = [
      <Button key="cancel" ref={focus} onClick={onCancel}>
        {t.cancel}
      </Button>,
    ];
  } else if (state.phase === 'done') {
    const { file } = state;
    title = t.done;
    body = (
      <Flex gap={12} align="flex-start">
        <CheckCircleFilled className="download-done-icon" aria-hidden />
        <Typography.Paragraph style={{ margin: 0 }} aria-live="polite">
          {fmt(t.doneText, { name: file.fileName, size: formatSize(file.size) })}
        </Typography.Paragraph>
      </Flex>
    );
    footer = [
      <Button key="close" onClick={onCancel}>
        {t.close}
      </Button>,
      <Button key="save" ref={focus} type="primary" icon={<DownloadOutlined />} onClick={() => saveFile(file)}>
        {t.save}
      </Button>,
    ];
  } else if (state.phase === 'failed') {
    title = t.failed;
    body = <Alert type="error" showIcon title={state.message} role="alert" />;
    footer = [
      <Button key="close" onClick={onCancel}>
        {t.close}
      </Button>,
      <Button key="retry" ref={focus} type="primary" onClick={onRetry}>
        {t.retry}
      </Button>,
    ];
  }

  return (
    <Modal
      open={open && phase !== 'idle'}
      title={title}
      footer={footer}
      onCancel={onCancel}
      // On opening, rc-dialog focuses the dialog itself once its animation ends: then the first action.
      afterOpenChange={(opened) => {
        if (opened) focus.current?.focus();
      }}
      maskClosable={false}
      destroyOnHidden
      className="download-modal"
      width={440}
    >
      <div data-testid="download-dialog" data-phase={phase}>
        {body}
      </div>
    </Modal>
  );
}

/** A button that downloads a produced file through `useDownload`. */
export function DownloadButton({
  url,
  label,
  children,
  ...button
}: { url: string; label: string; children?: ReactNode } & Omit<ButtonProps, 'href' | 'onClick' | 'loading'>) {
  const download = useDownload();
  return (
    <>
      <Button
        icon={<DownloadOutlined />}
        {...button}
        loading={download.busy}
        onClick={() => void download.start(url, label)}
      >
        {children ?? label}
      </Button>
      {download.modal}
    </>
  );
}
