import { Alert, Card, Descriptions, Empty, Progress, Space, Table, Tag, Typography } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { narrativeSectionLabels, type NarrativeSection } from '../../domain/application/labels.js';
import { importedSectionLabels, type ImportedSectionKey } from '../../domain/similarity/importSections.js';
import { useSimilarityReport, type SimilarityReport } from '../api/similarity';
import { formatTime } from '../format';
import { fmt, m } from '../i18n';
import { DownloadButton } from './DownloadButton';
import { LoadFailed } from './LoadFailed';
import { groupPassages } from './similarityPassageGroups';

const t = m.similarity;
type Source = SimilarityReport['sources'][number];

const percent = (x: number | null) => (x === null ? m.common.none : `${(x * 100).toFixed(1)}%`);

function sectionLabel(key: string): string {
  const c = /^successCases\.(\d+)$/.exec(key);
  if (c) return fmt(t.caseLabel, { n: Number(c[1]) + 1 });
  return narrativeSectionLabels[key as NarrativeSection] ?? importedSectionLabels[key as ImportedSectionKey] ?? key;
}

const sourceLabel = (s: Source | undefined) =>
  s ? `${s.number ?? ''} ${s.spaceName} ${s.cityName}`.trim() : t.imported;

/** The 查重 tab of a submitted application: figures, sections, sources and passages side by side. */
export function ApplicationViewSimilarity({ applicationId }: { applicationId: string }) {
  const query = useSimilarityReport(applicationId);
  const { pathname } = useLocation();
  if (query.error) return <LoadFailed error={query.error} />;
  const report = query.data;
  if (!report) return null;
  if (report.status === 'pending') return <Alert type="info" showIcon title={t.pending} />;
  if (report.status === 'failed')
    return <Alert type="error" showIcon title={fmt(t.failed, { error: report.error ?? t.failedShort })} />;
  const sourceLink = (id: string | null) => (id ? pathname.replace(applicationId, id) : null);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <DownloadButton url={`/api/applications/${encodeURIComponent(applicationId)}/similarity.pdf`} label={t.pdf}>
        {t.pdf}
      </DownloadButton>
      <Descriptions
        className="similarity-figures"
        size="small"
        bordered
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'overall', label: t.overall, children: percent(report.overall) },
          { key: 'excl', label: t.overallExcludingSameUnit, children: percent(report.overallExcludingSameUnit) },
          { key: 'max', label: t.maxSingleSource, children: percent(report.maxSingleSource) },
          { key: 'at', label: t.computedAt, children: report.computedAt ? formatTime(report.computedAt) : '' },
        ]}
      />
      <Card size="small" title={t.sections}>
        {report.sections.map((s) => (
          <div key={s.key} className="similarity-section">
            <Typography.Text>{sectionLabel(s.key)}</Typography.Text>
            <Progress
              percent={Math.round(s.ratio * 1000) / 10}
              size="small"
              status="normal"
              aria-label={sectionLabel(s.key)}
            />
          </div>
        ))}
      </Card>
      <Card size="small" title={t.sources}>
        <Table<Source>
          size="small"
          rowKey={(s) => `${s.applicationId}-${s.number}-${s.spaceName}`}
          dataSource={report.sources}
          pagination={false}
          locale={{ emptyText: <Empty description={t.noSources} /> }}
          columns={[
            { title: t.columns.number, dataIndex: 'number', render: (v: string | null) => v ?? m.common.none },
            {
              title: t.columns.spaceName,
              dataIndex: 'spaceName',
              render: (v: string, s) => {
                const to = s.canOpen ? sourceLink(s.applicationId) : null;
                return to ? <Link to={to}>{v}</Link> : v;
              },
            },
            { title: t.columns.unitName, dataIndex: 'unitName', render: (v: string | null) => v ?? m.common.none },
            { title: t.columns.cityName, dataIndex: 'cityName' },
            {
              title: t.columns.batch,
              key: 'batch',
              render: (_, s) =>
                [s.applicationId ? s.batchName : (s.batchName ?? t.imported), s.year].filter(Boolean).join(' / '),
            },
            { title: t.columns.ratio, dataIndex: 'ratio', render: (v: number) => percent(v) },
            { title: t.columns.matchedChars, dataIndex: 'matchedChars' },
            {
              title: t.columns.sameUnit,
              dataIndex: 'sameUnit',
              render: (v: boolean) => (v ? <Tag color="orange">{t.yes}</Tag> : t.no),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t.passages}>
        {report.passages.length === 0 ? (
          <Empty description={t.noSources} />
        ) : (
          groupPassages(report.passages).map(({ first: p, others }, i) => {
            const s = report.sources[p.source.index];
            const to = s?.canOpen ? sourceLink(s.applicationId) : null;
            return (
              <div key={i} className="similarity-passage">
                <div>
                  <Typography.Text strong>
                    {t.thisApplication} · {sectionLabel(p.section)}
                  </Typography.Text>
                  <mark>{p.text}</mark>
                </div>
                <div>
                  <Typography.Text strong>
                    {t.source} · {sourceLabel(s)} · {sectionLabel(p.source.section)}
                  </Typography.Text>{' '}
                  {to ? <Link to={to}>{t.open}</Link> : s && s.applicationId ? t.outside : null}
                  <mark>{p.source.text}</mark>
                  {others.length > 0 && (
                    <div className="similarity-also">
                      <Typography.Text type="secondary">{fmt(t.alsoIn, { n: others.length })}</Typography.Text>
                      <ul>
                        {others.map((o, j) => {
                          const os = report.sources[o.source.index];
                          const oto = os?.canOpen ? sourceLink(os.applicationId) : null;
                          return (
                            <li key={j}>
                              {oto ? <Link to={oto}>{sourceLabel(os)}</Link> : sourceLabel(os)} ·{' '}
                              {sectionLabel(o.source.section)}
                            </li>
                          );
                        })}
                      </ul>
                    </div>
                  )}
                </div>
              </div>
            );
          })
        )}
      </Card>
    </Space>
  );
}
