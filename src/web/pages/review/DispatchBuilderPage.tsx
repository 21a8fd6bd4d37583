import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Flex, Input, Select, Skeleton, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import type { DispatchLevel } from '../../../domain/workflow.js';
import type { ApplicationListItem } from '../../api/applications';
import { errorText } from '../../api/client';
import { useBatch } from '../../api/batches';
import { useCreateDispatch, useDispatch, useUpdateDispatch } from '../../api/dispatches';
import { useWholeRanking } from '../../api/experts';
import { orderByRanking } from '../../../domain/letters.js';
import { Countdown } from '../../components/Countdown';
import { LoadFailed } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { m } from '../../i18n';
import { letterFromTemplate, replaceRankedList } from './letterTemplate';
import { RankedTable, type RankedRow } from './RankedTable';
import { useAllApplications } from './useAllApplications';
import { useLetterParties } from './useLetterParties';
import './review.css';

const t = m.review.dispatch;

const toRow = (a: ApplicationListItem): RankedRow => ({
  id: a.id,
  number: a.number,
  spaceName: a.spaceName,
  unitName: a.unit.name,
});

/**
 * Assembles (or edits) a draft dispatch: pick the recommended applications, rank them by dragging
 * or with the buttons, and write the 推荐函 from the prefilled template.
 */
export function DispatchBuilderPage({ level, base }: { level: DispatchLevel; base: string }) {
  const { id } = useParams<{ id: string }>();
  const existing = useDispatch(id);
  const available = useAllApplications([level === 'city' ? 'recommended' : 'province_recommended']);
  const parties = useLetterParties(level);
  const create = useCreateDispatch();
  const update = useUpdateDispatch();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const batches = useMemo(() => {
    const seen = new Map<string, string>();
    for (const a of available.items) seen.set(a.batchId, a.batchName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [available.items]);
  const [batchId, setBatchId] = useState<string | undefined>();
  const batch = existing.data?.batchId ?? batchId ?? batches[0]?.value;
  const batchName = batches.find((b) => b.value === batch)?.label ?? '';
  const batchData = useBatch(batch);
  const notice = useMemo(
    () => ({ noticeTitle: batchData.data?.noticeTitle ?? '', noticeNo: batchData.data?.noticeNo ?? '' }),
    [batchData.data],
  );
  // The province's list starts in the order of the expert ranking (issue 14), the city's as listed.
  const ranking = useWholeRanking(level === 'province' ? batch : undefined);
  const rankedIds = useMemo(() => (ranking.data ?? []).map((r) => r.application.id), [ranking.data]);
  const candidates = orderByRanking(
    available.items.filter((a) => a.batchId === batch),
    rankedIds,
  );
  const [letterNo, setLetterNo] = useState<string | null>(null);
  const [contactName, setContactName] = useState<string | null>(null);
  const [contactPhone, setContactPhone] = useState<string | null>(null);
  const details = {
    letterNo: letterNo ?? existing.data?.letterNo ?? '',
    contactName: contactName ?? existing.data?.contactName ?? '',
    contactPhone: contactPhone ?? existing.data?.contactPhone ?? '',
  };

  const [rows, setRows] = useState<RankedRow[] | null>(null);
  const [letter, setLetter] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const [stale, setStale] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Start from the draft being edited, or from every candidate in the order listed.
  useEffect(() => {
    if (rows !== null) return;
    if (id && existing.data) {
      setRows(existing.data.items.map((i) => ({ ...i, id: i.applicationId })));
      setLetter(existing.data.letter);
      setTouched(true);
    } else if (
      !id &&
      !available.loading &&
      parties.to &&
      (!batch || !batchData.isPending) &&
      (level === 'city' || !ranking.isPending || !batch)
    ) {
      const initial = candidates.map(toRow);
      setRows(initial);
      setLetter(letterFromTemplate({ level, batchName, ...notice, items: initial }));
    }
  }, [
    id,
    existing.data,
    available.loading,
    candidates,
    rows,
    parties,
    batchName,
    level,
    batch,
    batchData,
    ranking,
    notice,
  ]);

  const ranked = rows ?? [];
  const template = (items: RankedRow[]) => letterFromTemplate({ level, batchName, ...notice, items });

  /** A new order or selection: regenerate an untouched letter; patch the list inside an edited one. */
  const changeRows = (next: RankedRow[]) => {
    setRows(next);
    if (!touched) setLetter(template(next));
    else if (letter !== null) {
      const patched = next.length === ranked.length ? replaceRankedList(letter, ranked, next) : null;
      if (patched !== null) setLetter(patched);
      else setStale(true);
    }
  };

  const toggle = (a: ApplicationListItem, on: boolean) =>
    changeRows(on ? [...ranked, toRow(a)] : ranked.filter((r) => r.id !== a.id));

  const save = () => {
    setError(null);
    if (ranked.length === 0) return setError(t.chooseAtLeastOne);
    if (!letter?.trim()) return setError(t.letterRequired);
    const applicationIds = ranked.map((r) => r.id);
    const done = (d: { id: string }) => {
      message.success(id ? t.saved : t.created);
      void navigate(`${base}/${d.id}`);
    };
    if (id && existing.data)
      update.mutate(
        { id, version: existing.data.version, applicationIds, letter, ...details },
        { onSuccess: done, onError: (e) => setError(errorText(e)) },
      );
    else
      create.mutate(
        { applicationIds, letter, batchId: batch, ...details },
        { onSuccess: done, onError: (e) => setError(errorText(e)) },
      );
  };

  if (existing.isError) return <LoadFailed error={existing.error} onRetry={() => void existing.refetch()} />;
  if (available.error) return <LoadFailed error={available.error} onRetry={() => void available.refetch()} />;
  if (rows === null || letter === null) return <Skeleton active paragraph={{ rows: 10 }} />;

  const chosen = new Set(ranked.map((r) => r.id));
  const choices = candidates;

  return (
    <>
      <PageHeader
        title={id ? `${t.edit}${t.title}` : t.create}
        subtitle={level === 'city' ? t.listSubtitle : t.provinceListSubtitle}
        extra={
          <>
            <Button onClick={() => navigate(base)}>{m.common.cancel}</Button>
            <Button type="primary" onClick={save} loading={create.isPending || update.isPending}>
              {t.save}
            </Button>
          </>
        }
      />
      <Flex vertical gap={16}>
        {existing.data?.deadline ? <Countdown deadline={existing.data.deadline} label={t.deadline} /> : null}
        {error ? <Alert type="error" showIcon title={error} /> : null}
        <Card
          size="small"
          title={<h2 style={{ fontSize: 15, margin: 0 }}>{t.available}</h2>}
          extra={
            batches.length > 1 && !id ? (
              <Select
                aria-label={m.review.queue.batch}
                value={batch}
                options={batches}
                onChange={(v: string) => {
                  setBatchId(v);
                  setRows(null);
                  setLetter(null);
                  setTouched(false);
                }}
                style={{ width: 260 }}
              />
            ) : null
          }
        >
          {choices.length === 0 ? (
            <Empty description={t.noneAvailable} />
          ) : (
            <Flex vertical gap={6}>
              <Typography.Text type="secondary">{t.availableHint}</Typography.Text>
              {choices.map((a) => (
                <Checkbox key={a.id} checked={chosen.has(a.id)} onChange={(e) => toggle(a, e.target.checked)}>
                  {a.spaceName ?? m.review.queue.unnamed}（{a.unit.name}）
                </Checkbox>
              ))}
            </Flex>
          )}
        </Card>
        <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{t.ranked}</h2>}>
          <Typography.Paragraph type="secondary">{t.dragHint}</Typography.Paragraph>
          <RankedTable rows={ranked} onChange={changeRows} />
        </Card>
        <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{t.letter}</h2>}>
          <Typography.Paragraph type="secondary">{t.letterHint}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{m.process.dispatch.letterFrameHint}</Typography.Paragraph>
          <Flex gap={12} wrap style={{ marginBottom: 12 }}>
            <label className="letter-field">
              <span>{m.process.dispatch.letterNo}</span>
              <Input
                aria-label={m.process.dispatch.letterNo}
                placeholder={m.process.dispatch.letterNoPlaceholder}
                value={details.letterNo}
                maxLength={50}
                onChange={(e) => setLetterNo(e.target.value)}
              />
            </label>
            <label className="letter-field">
              <span>{m.process.dispatch.contactName}</span>
              <Input
                aria-label={m.process.dispatch.contactName}
                value={details.contactName}
                maxLength={30}
                onChange={(e) => setContactName(e.target.value)}
              />
            </label>
            <label className="letter-field">
              <span>{m.process.dispatch.contactPhone}</span>
              <Input
                aria-label={m.process.dispatch.contactPhone}
                placeholder={m.process.dispatch.contactPhonePlaceholder}
                value={details.contactPhone}
                maxLength={30}
                onChange={(e) => setContactPhone(e.target.value)}
              />
            </label>
          </Flex>
          {stale ? (
            <Alert
              type="warning"
              showIcon
              title={t.letterStale}
              style={{ marginBottom: 12 }}
              action={
                <Button
                  size="small"
                  onClick={() => {
                    setLetter(template(ranked));
                    setTouched(false);
                    setStale(false);
                  }}
                >
                  {t.regenerate}
                </Button>
              }
            />
          ) : null}
          <Input.TextArea
            aria-label={t.letter}
            value={letter}
            onChange={(e) => {
              setLetter(e.target.value);
              setTouched(true);
            }}
            autoSize={{ minRows: 12, maxRows: 30 }}
            maxLength={20000}
            className="letter-input"
          />
        </Card>
      </Flex>
    </>
  );
}
