import { Alert, Card, Flex, Tag, Typography } from 'antd';
import type { ApplicationDetail } from '../api/applications';
import { fmt, m } from '../i18n';

export type Indicator = ApplicationDetail['indicators'][number];

const t = m.review.indicators;

/** The flags of one indicator: below the national and/or Jiangsu reference value. Advice, never a block. */
export function IndicatorFlag({ indicator }: { indicator: Indicator | undefined }) {
  if (!indicator || (!indicator.belowNational && !indicator.belowJiangsu)) return null;
  const { nationalMin, jiangsuMin, unit } = indicator;
  return (
    <Flex wrap gap={4} style={{ marginTop: 4 }} data-testid={`indicator-flag-${indicator.key}`}>
      {indicator.belowNational && nationalMin !== undefined ? (
        <Tag color="orange">
          {t.tag}：{fmt(t.belowNational, { min: nationalMin, unit })}
        </Tag>
      ) : null}
      {indicator.belowJiangsu && jiangsuMin !== undefined ? (
        <Tag color="gold">
          {t.tag}：{fmt(t.belowJiangsu, { min: jiangsuMin, unit })}
        </Tag>
      ) : null}
    </Flex>
  );
}

function verdict(i: Indicator) {
  if (i.value === null) return <Tag>{t.unknown}</Tag>;
  if (i.belowNational || i.belowJiangsu)
    return <Tag color="orange">{i.belowNational ? t.belowNationalShort : t.belowJiangsuShort}</Tag>;
  if (i.nationalMin === undefined && i.jiangsuMin === undefined) return <Tag>{t.noThreshold}</Tag>;
  return <Tag color="green">{t.ok}</Tag>;
}

/** All advisory indicators with their reference values, clearly marked as advice (参考). */
export function IndicatorsCard({ indicators }: { indicators: Indicator[] }) {
  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8}>
          <h2 style={{ fontSize: 15, margin: 0 }}>{t.title}</h2>
          <Tag color="blue">{t.tag}</Tag>
        </Flex>
      }
    >
      <Alert type="info" showIcon title={t.advice} style={{ marginBottom: 12 }} />
      <ul className="indicator-list" aria-label={t.title}>
        {indicators.map((i) => (
          <li key={i.key} className="indicator-item">
            <Flex justify="space-between" align="center" gap={8} wrap>
              <Typography.Text strong>{i.label}</Typography.Text>
              {verdict(i)}
            </Flex>
            <Typography.Text>
              {i.value === null ? t.unknown : fmt(t.value, { value: i.value, unit: i.unit })}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {i.note ??
                [
                  i.nationalMin !== undefined ? `${t.national} ${fmt(t.min, { min: i.nationalMin })}${i.unit}` : null,
                  i.jiangsuMin !== undefined ? `${t.jiangsu} ${fmt(t.min, { min: i.jiangsuMin })}${i.unit}` : null,
                ]
                  .filter(Boolean)
                  .join('；')}
            </Typography.Text>
          </li>
        ))}
      </ul>
    </Card>
  );
}
