import { Card, Collapse, Descriptions, Typography } from 'antd';
import {
  basicInfoFields,
  enterpriseOwnershipOptions,
  managementSystemOptions,
  narrativeOutline,
  operatorNatureOptions,
  provincialFilingFields,
  type OutlineHeading,
} from '../../../domain/application.js';
import type { ApplicationDetail } from '../../api/applications';
import { m } from '../../i18n';
import { FilesStep } from './steps/FilesStep';

const none = m.common.none;
const at = (obj: unknown, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);

function display(info: Record<string, unknown>, key: string, kind: string, unit?: string): string {
  const v = at(info, key);
  if (v === undefined || v === null || v === '') return none;
  if (key === 'operatorNature') return operatorNatureOptions.find((o) => o.value === v)?.label ?? none;
  if (key === 'enterpriseOwnership') return enterpriseOwnershipOptions.find((o) => o.value === v)?.label ?? none;
  if (kind === 'yesNo') {
    const yn = v as { answer?: string; name?: string };
    return yn.answer === 'yes' ? `是（${yn.name ?? ''}）` : yn.answer === 'no' ? '否' : none;
  }
  if (kind === 'list') return Array.isArray(v) ? v.join('、') : none;
  if (kind === 'checks') {
    const ticked = managementSystemOptions
      .filter((o) => (v as Record<string, unknown>)[o.key] === true)
      .map((o) => o.label);
    return ticked.length ? ticked.join('、') : none;
  }
  return unit && !String(v).endsWith(unit) ? `${String(v)} ${unit}` : String(v);
}

function NarrativeView({ narrative }: { narrative: Record<string, unknown> }) {
  const render = (h: OutlineHeading, level: number) => (
    <section key={h.label}>
      {level === 0 ? <h3 className="narrative-h0">{h.label}</h3> : <h4 className="narrative-h1">{h.label}</h4>}
      {h.key === 'successCases' ? (
        ((narrative.successCases as { title?: string; subject?: string; body?: string }[] | undefined) ?? []).map(
          (c, i) => (
            <div key={i} className="case-view">
              <h5 className="case-title">
                {i + 1}. {c.title}
              </h5>
              <Typography.Text type="secondary">{c.subject}</Typography.Text>
              <div className="rich-view" dangerouslySetInnerHTML={{ __html: c.body ?? '' }} />
            </div>
          ),
        )
      ) : h.key ? (
        <div className="rich-view" dangerouslySetInnerHTML={{ __html: String(narrative[h.key] ?? '') }} />
      ) : null}
      {h.children?.map((c) => render(c, level + 1))}
    </section>
  );
  return <>{narrativeOutline.map((h) => render(h, 0))}</>;
}

/** The content as the server holds it (sanitised), read-only: attachment 2, the 申报书, filing status, uploads. */
export function ReadOnlyContent({ detail }: { detail: ApplicationDetail }) {
  const info = (detail.content.basicInfo ?? {}) as Record<string, unknown>;
  const filing = (detail.content.provincialFiling ?? {}) as { status?: string; year?: number; documentNo?: string };
  const steps = m.applicant.page.steps;
  const filingLabel = provincialFilingFields.statusOptions.find((o) => o.value === filing.status)?.label ?? none;
  return (
    <Card size="small" title={<h2 className="side-title">{m.applicant.status.content}</h2>}>
      <Collapse
        defaultActiveKey={['basic']}
        items={[
          {
            key: 'basic',
            label: steps[0],
            children: (
              <Descriptions
                bordered
                size="small"
                column={{ xs: 1, sm: 1, md: 1, lg: 1, xl: 1, xxl: 2 }}
                items={basicInfoFields
                  .filter((f) => f.key !== 'managementSystemsOther' || info.managementSystemsOther)
                  .filter((f) => f.key !== 'enterpriseOwnership' || info.operatorNature === 'enterprise')
                  .map((f) => ({
                    key: f.key,
                    label: 'fullLabel' in f ? f.fullLabel : f.label,
                    children: display(info, f.key, f.kind, 'unit' in f ? f.unit : undefined),
                  }))}
              />
            ),
          },
          {
            key: 'narrative',
            label: steps[1],
            children: <NarrativeView narrative={(detail.content.narrative ?? {}) as Record<string, unknown>} />,
          },
          { key: 'files', label: steps[2], children: <FilesStep detail={detail} editable={false} errors={{}} /> },
          {
            key: 'filing',
            label: steps[3],
            children: (
              <Typography.Paragraph style={{ margin: 0 }}>
                {filingLabel}
                {filing.status === 'filed' ? `（${filing.year ?? ''} 年，${filing.documentNo ?? ''}）` : ''}
              </Typography.Paragraph>
            ),
          },
        ]}
      />
    </Card>
  );
}
