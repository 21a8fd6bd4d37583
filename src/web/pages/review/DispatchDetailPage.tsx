import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Input, Modal, Skeleton, Tag } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { errorText } from '../../api/client';
import { useDispatch, useDispatchAction, type Dispatch } from '../../api/dispatches';
import { DispatchDownloads } from '../../components/ApplicationViewDownloads';
import { Countdown } from '../../components/Countdown';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { formatTime } from '../../format';
import { fmt, m } from '../../i18n';
import { DispatchItemsTable } from './DispatchItemsTable';
import { PaperCopyPanel } from './PaperCopyPanel';
import { ArrivalText } from './ArrivalText';
import { PledgeModal } from './PledgeModal';
import { ReceiveModal } from './ReceiveModal';
import { DispatchStatusTag } from './StatusTag';
import './review.css';

const t = m.review.dispatch;
type Item = Dispatch['items'][number];

interface Props {
  /** The dispatch list of this role (back, and `${base}/${id}/edit`). */
  base: string;
  /** Where the dispatch's applications open. */
  appBase?: string;
  /** The acceptance centre registers paper copies from here. */
  paperCopies?: boolean;
}

const tp = m.process.dispatch;

/** The returned alert, and the server's note on the draft's signature (sendNote). */
function Notes({ d }: { d: Dispatch }) {
  if (d.status === 'returned' && d.returned)
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="returned"
        title={fmt(tp.returnedAlert, { comment: d.returned.comment, at: formatTime(d.returned.at) })}
      />
    );
  const province = d.level === 'province';
  switch (d.sendNote) {
    case 'can_send':
      return <Alert type="info" showIcon title={t.notYours} />;
    case 'four_eyes':
      return (
        <Alert type="warning" showIcon title={province ? tp.fourEyesProvince : t.fourEyes} data-testid="four-eyes" />
      );
    case 'awaiting_signature':
      return <Alert type="info" showIcon title={province ? tp.waitingLeader : t.waitingApprover} />;
    case null:
      return null;
  }
}

/** One dispatch: its ranked applications, the 推荐函, the deadline, and exactly the actions allowed. */
export function DispatchDetailPage({ base, appBase, paperCopies }: Props) {
  const { id } = useParams<{ id: string }>();
  const dispatch = useDispatch(id);
  const act = useDispatchAction();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [signing, setSigning] = useState(false);
  const [signError, setSignError] = useState<string | null>(null);
  const [paperFor, setPaperFor] = useState<Item | null>(null);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [returnError, setReturnError] = useState<string | null>(null);
  const [receiving, setReceiving] = useState(false);
  const [receiveError, setReceiveError] = useState<string | null>(null);

  if (dispatch.isError) return <LoadFailed error={dispatch.error} onRetry={() => void dispatch.refetch()} />;
  if (!dispatch.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const d = dispatch.data;
  const can = (a: Dispatch['allowedActions'][number]) => d.allowedActions.includes(a);

  const actions = (
    <>
      <Button onClick={() => navigate(base)}>{m.review.detail.back}</Button>
      <DispatchDownloads id={d.id} level={d.level} signed={!!d.pledge} />
      {can('edit') ? <Button onClick={() => navigate(`${base}/${d.id}/edit`)}>{t.edit}</Button> : null}
      {can('return') ? <Button onClick={() => setReturning(true)}>{tp.return}</Button> : null}
      {can('send') ? (
        <Button type="primary" onClick={() => setSigning(true)}>
          {d.level === 'city' ? t.send : t.sendProvince}
        </Button>
      ) : null}
      {can('receive') ? (
        <Button type="primary" loading={act.isPending} onClick={() => setReceiving(true)}>
          {t.receive}
        </Button>
      ) : null}
    </>
  );

  return (
    <>
      <PageHeader
        title={`${t.title} · ${d.fromOrg.name}`}
        subtitle={
          <Flex gap={8} wrap component="span">
            <DispatchStatusTag status={d.status} />
            <span>{d.levelLabel}</span>
            {d.supplementary ? <Tag color="purple">{t.supplementary}</Tag> : null}
          </Flex>
        }
        extra={actions}
      />
      <Flex vertical gap={16}>
        <Notes d={d} />
        {d.deadline && d.status === 'draft' ? <Countdown deadline={d.deadline} label={t.deadline} /> : null}
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, md: 2, lg: 3, xl: 3, xxl: 3 }}
            items={[
              { key: 'from', label: t.from, children: d.fromOrg.name },
              { key: 'created', label: t.createdAt, children: formatTime(d.createdAt) },
              { key: 'deadline', label: t.deadline, children: d.deadline ? formatTime(d.deadline) : t.noDeadline },
              { key: 'sent', label: t.sentAt, children: d.sentAt ? formatTime(d.sentAt) : m.common.none },
              { key: 'signer', label: t.pledgeSigner, children: d.pledge?.signerName ?? m.common.none },
              { key: 'letterNo', label: tp.letterNo, children: d.letterNo || m.common.none },
              {
                key: 'contact',
                label: tp.contactName,
                children: [d.contactName, d.contactPhone].filter(Boolean).join(' ') || m.common.none,
              },
              {
                key: 'received',
                label: t.receivedAt,
                children: d.receivedAt ? formatTime(d.receivedAt) : m.common.none,
              },
              ...(d.receivedAt
                ? [{ key: 'arrival', label: m.opinions.arrival.column, children: <ArrivalText d={d} /> }]
                : []),
              ...(d.sendOpinion
                ? [{ key: 'opinion', label: m.opinions.sendOpinionShown, children: d.sendOpinion }]
                : []),
            ]}
          />
        </Card>
        <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{t.ranked}</h2>}>
          <DispatchItemsTable
            dispatch={d}
            appBase={appBase}
            showPaper={d.level === 'city' && d.status !== 'draft'}
            rowAction={
              paperCopies && d.status !== 'draft' ? { label: m.review.paper.register, onClick: setPaperFor } : undefined
            }
          />
        </Card>
        <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{t.letterView}</h2>}>
          <div className="letter-text" data-testid="letter">
            {d.letter}
          </div>
        </Card>
      </Flex>
      <PledgeModal
        open={signing}
        busy={act.isPending}
        error={signError}
        onCancel={() => setSigning(false)}
        onSign={(pledge, opinion) =>
          act.mutate(
            { id: d.id, action: 'send', pledge, opinion, version: d.version },
            {
              onSuccess: () => {
                setSigning(false);
                setSignError(null);
                message.success(m.review.pledge.sentOk);
              },
              onError: (e) => setSignError(errorText(e)),
            },
          )
        }
      />
      <Modal
        open={returning}
        title={tp.returnTitle}
        okText={tp.return}
        confirmLoading={act.isPending}
        onCancel={() => setReturning(false)}
        onOk={() => {
          if (!reason.trim()) return setReturnError(tp.returnRequired);
          act.mutate(
            { id: d.id, action: 'return', comment: reason.trim(), version: d.version },
            {
              onSuccess: () => {
                setReturning(false);
                setReturnError(null);
                setReason('');
                message.success(tp.returned);
              },
              onError: (e) => setReturnError(errorText(e)),
            },
          );
        }}
        destroyOnHidden
      >
        {returnError ? <Alert type="error" showIcon title={returnError} style={{ marginBottom: 12 }} /> : null}
        <Input.TextArea
          aria-label={tp.returnReason}
          placeholder={tp.returnPlaceholder}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={1000}
        />
      </Modal>
      <ReceiveModal
        open={receiving}
        busy={act.isPending}
        error={receiveError}
        expectedPaper={d.items.length * 2}
        onCancel={() => setReceiving(false)}
        onReceive={(arrival) =>
          act.mutate(
            { id: d.id, action: 'receive', arrival, version: d.version },
            {
              onSuccess: () => {
                setReceiving(false);
                setReceiveError(null);
                message.success(t.received);
              },
              onError: (e) => setReceiveError(errorText(e)),
            },
          )
        }
      />
      <Modal
        open={paperFor !== null}
        title={paperFor ? `${m.review.paper.title}：${paperFor.spaceName ?? paperFor.unitName}` : ''}
        footer={null}
        width={720}
        onCancel={() => setPaperFor(null)}
        destroyOnHidden
      >
        {paperFor ? <PaperCopyPanel applicationId={paperFor.applicationId} bare /> : null}
      </Modal>
    </>
  );
}
