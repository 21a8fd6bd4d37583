import { useMemo, useState, type Key } from 'react';
import { Alert, Button, Card, Flex, Grid, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import {
  batchStatusLabels,
  deadlineKindLabels,
  formatBeijing,
  type DeadlineKind,
} from '../../../domain/schemas/batches.js';
import type { Batch, Deadline } from '../../api/batches';
import type { Org } from '../../api/types';
import { fmt, m } from '../../i18n';
import { KeyboardScroll } from '../review/KeyboardScroll';
import { DeadlineModal, type DeadlineTask } from './DeadlineModal';
import type { BatchPermissions } from './permissions';

const t = m.batches.deadlines;
/** Top-down, as the cascade runs: the national step bounds the provinces', which bound the cities'. */
const ORDER: DeadlineKind[] = ['province', 'city', 'applicant'];

interface Row {
  key: string;
  kind: DeadlineKind;
  scopeOrgId: string | null;
  scopeName: string;
  deadline?: Deadline;
}

interface Props {
  batch: Batch;
  perms: BatchPermissions;
  me: Org | undefined;
  provinces: Org[];
  cities: Org[];
}

/**
 * The rows of one level: the deadlines already set, and the scopes the user may set or oversees
 * (the cities of the user's province) still without one.
 */
function rowsOf(kind: DeadlineKind, { batch, perms, me, provinces, cities }: Props): Row[] {
  const set = batch.deadlines.filter((d) => d.kind === kind);
  const rows: Row[] = set.map((d) => ({
    key: d.id,
    kind,
    scopeOrgId: d.scopeOrgId,
    scopeName: d.scopeOrgName ?? t.nationwide,
    deadline: d,
  }));
  const has = (scope: string | null) => set.some((d) => d.scopeOrgId === scope);
  const add = (scope: Org) => {
    if (!has(scope.id)) rows.push({ key: `${kind}:${scope.id}`, kind, scopeOrgId: scope.id, scopeName: scope.name });
  };
  if (kind === 'province' && !has(null)) {
    rows.push({ key: 'province:', kind, scopeOrgId: null, scopeName: t.nationwide });
  }
  if (kind === 'city') provinces.filter((p) => perms.setsScope('city', p.id)).forEach(add);
  if (kind === 'applicant') {
    // Provincial users see which of their cities have not set theirs yet; a city sees its own.
    const overseesCities = !!me?.provinceId && me.kind !== 'city';
    cities
      .filter((c) => perms.setsScope('applicant', c.id) || (overseesCities && c.provinceId === me?.provinceId))
      .forEach(add);
  }
  return rows;
}

/** The deadline above a row's step, which its date must not pass. */
function upperOf(batch: Batch, kind: DeadlineKind, scopeOrgId: string | null, cities: Org[]) {
  const national = batch.deadlines.find((d) => d.kind === 'province');
  if (kind === 'province') return null;
  if (kind === 'applicant') {
    const provinceId = cities.find((c) => c.id === scopeOrgId)?.provinceId;
    const city = batch.deadlines.find((d) => d.kind === 'city' && d.scopeOrgId === provinceId);
    if (city) return { kind: 'city' as const, dueAt: city.dueAt };
  }
  return national ? { kind: 'province' as const, dueAt: national.dueAt } : null;
}

/** The id of a row's history block, below its level's table (outside the sideways-scrolling box). */
const historyId = (key: string) => `batch-history-${key.replace(/[^\w-]/g, '_')}`;

function History({ d }: { d: Deadline }) {
  if (d.extensions.length === 0) return <Typography.Text type="secondary">{t.none}</Typography.Text>;
  return (
    <ol className="batch-history" aria-label={`${t.extensions}：${d.scopeOrgName ?? t.nationwide}`}>
      {d.extensions.map((e) => (
        <li key={e.id}>
          <div>
            <Typography.Text>
              {formatBeijing(e.fromDueAt)} → <strong>{formatBeijing(e.toDueAt)}</strong>
            </Typography.Text>
          </div>
          <div className="batch-history-reason">
            {t.historyReason}：{e.reason}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.orgName ?? ''} · {t.historyAt} {formatBeijing(e.at)}
          </Typography.Text>
        </li>
      ))}
    </ol>
  );
}

/** The cascade per level and scope in Beijing time, with the set and extend actions the user has. */
export function DeadlinesCard(props: Props) {
  const { batch, perms, cities } = props;
  const [task, setTask] = useState<DeadlineTask | null>(null);
  const [expanded, setExpanded] = useState<readonly Key[]>([]);
  const open = batch.status === 'open';
  const now = Date.now();
  const levels = useMemo(
    () => ORDER.map((kind) => ({ kind, rows: rowsOf(kind, props) })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [batch, perms, props.me, props.provinces, cities],
  );
  const upper =
    task === null
      ? null
      : task.mode === 'set'
        ? upperOf(batch, task.kind, task.scopeOrgId, cities)
        : upperOf(batch, task.deadline.kind, task.deadline.scopeOrgId, cities);

  const narrow = !(Grid.useBreakpoint().md ?? true);
  const toggle = (key: string) =>
    setExpanded((keys) => (keys.includes(key) ? keys.filter((k) => k !== key) : [...keys, key]));

  const all: TableColumnsType<Row> = [
    { title: t.scope, dataIndex: 'scopeName', key: 'scope', width: narrow ? undefined : 180 },
    {
      title: t.dueAt,
      key: 'dueAt',
      width: narrow ? undefined : 190,
      render: (_, r) =>
        r.deadline ? (
          <Flex vertical>
            <Typography.Text strong>{formatBeijing(r.deadline.dueAt)}</Typography.Text>
            {r.deadline.extensions.length > 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {fmt(t.original, { time: formatBeijing(r.deadline.originalDueAt) })}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t.notSet}</Typography.Text>
        ),
    },
    {
      title: t.state,
      key: 'state',
      width: 90,
      render: (_, r) =>
        !r.deadline ? (
          <Tag>{t.notSet}</Tag>
        ) : !open ? (
          <Tag color="default">{batchStatusLabels.closed}</Tag>
        ) : new Date(r.deadline.dueAt).getTime() <= now ? (
          <Tag color="default">{t.passed}</Tag>
        ) : (
          <Tag color="blue">{t.running}</Tag>
        ),
    },
    {
      title: t.setBy,
      key: 'setBy',
      width: 200,
      render: (_, r) => r.deadline?.setByOrgName ?? m.common.none,
    },
    {
      title: m.common.actions,
      key: 'actions',
      width: narrow ? undefined : 220,
      render: (_, r) => (
        <Flex gap={4} wrap vertical={narrow} align={narrow ? 'flex-start' : undefined}>
          {!r.deadline && perms.canSet(r.kind, r.scopeOrgId) ? (
            <Button
              size="small"
              type="primary"
              aria-label={`${t.set}${deadlineKindLabels[r.kind]}：${r.scopeName}`}
              onClick={() => setTask({ mode: 'set', kind: r.kind, scopeOrgId: r.scopeOrgId, scopeName: r.scopeName })}
            >
              {t.set}
            </Button>
          ) : null}
          {r.deadline && perms.canExtend(r.deadline) ? (
            <Button
              size="small"
              aria-label={`${t.extend}${deadlineKindLabels[r.kind]}：${r.scopeName}`}
              onClick={() => setTask({ mode: 'extend', deadline: r.deadline!, scopeName: r.scopeName })}
            >
              {t.extend}
            </Button>
          ) : null}
          {r.deadline && r.deadline.extensions.length > 0 ? (
            <Button
              size="small"
              type="dashed"
              aria-expanded={expanded.includes(r.key)}
              aria-controls={historyId(r.key)}
              onClick={() => toggle(r.key)}
            >
              {fmt(t.extensionsCount, { count: r.deadline.extensions.length })}
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];
  // On a phone the table fits the screen: scope, date and actions; the state and setter are left out.
  const columns = narrow ? all.filter((c) => c.key !== 'state' && c.key !== 'setBy') : all;

  return (
    <Card title={<h2 className="batch-card-title">{t.title}</h2>} size="small">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t.hint}
      </Typography.Paragraph>
      {!open ? <Alert type="info" showIcon title={t.closedBatch} style={{ marginBottom: 12 }} /> : null}
      {levels.map(({ kind, rows }) => (
        <section key={kind} className="batch-level" aria-label={deadlineKindLabels[kind]}>
          <h3 className="batch-level-title">{deadlineKindLabels[kind]}</h3>
          <KeyboardScroll label={`${deadlineKindLabels[kind]}${t.table}`}>
            <Table<Row>
              rowKey="key"
              size="small"
              columns={columns}
              dataSource={rows}
              pagination={false}
              scroll={narrow ? undefined : { x: 880 }}
              locale={{ emptyText: t.notSet }}
            />
          </KeyboardScroll>
          {rows
            .filter((r) => r.deadline && expanded.includes(r.key))
            .map((r) => (
              <div key={r.key} id={historyId(r.key)} className="batch-history-box">
                <h4 className="batch-history-title">
                  {t.extensions} · {r.scopeName}
                </h4>
                <History d={r.deadline!} />
              </div>
            ))}
        </section>
      ))}
      <DeadlineModal batchId={batch.id} task={task} upper={upper} onClose={() => setTask(null)} />
    </Card>
  );
}
