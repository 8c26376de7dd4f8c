import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  LineChartOutlined,
  MinusOutlined,
  QuestionCircleOutlined,
} from '@ant-design/icons';
import type { KpiKey, KpiOverview } from '@gongfu/contract';
import { Button, Card, Flex, Tag, Tooltip, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  type ChangeTone,
  changeOf,
  formatKpiText,
  formatKpiValue,
  isBuiltFromReports,
  type KpiChange,
  localized,
} from '../format';
import { TargetProgress } from './target-progress';

export type KpiOverviewItem = KpiOverview['items'][number];

export interface KpiCardProps {
  item: KpiOverviewItem;
  /** the KPIs a total is made of, named under its figure (give-back: in cash, in kind at declared value) */
  parts?: readonly KpiOverviewItem[];
  selected: boolean;
  onSelect: (key: KpiKey) => void;
  /**
   * The period's due reports are not all approved: a KPI summed from them reads low, so its 环比 and 同比 are
   * stated but not judged (a −48 % from reports still in review is not a downturn).
   */
  reviewPending?: boolean;
}

/**
 * One KPI: its name with the definition (统计口径) a tooltip away, the figure in the definition's unit, and
 * 环比 / 同比 with an arrow, a word and a colour that follow the KPI's direction (never colour alone).
 */
export function KpiCard({ item, parts = [], selected, onSelect, reviewPending = false }: KpiCardProps) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const { definition } = item;
  const language = i18n.language;
  const name = localized(definition.name, language);
  const value = formatKpiValue(definition.unit, item.current?.value ?? null, language, t);
  const provisional = reviewPending && isBuiltFromReports(definition);
  const previous = changeOf(definition, item.current, item.previous, language);
  const lastYear = changeOf(definition, item.current, item.samePeriodLastYear, language);
  const directionText =
    definition.direction === 'higher_is_better'
      ? t('kpi.card.higherIsBetter')
      : definition.direction === 'lower_is_better'
        ? t('kpi.card.lowerIsBetter')
        : t('kpi.card.neutral');

  return (
    // the card is a labelled group (its figures stay readable); the small button is what keyboards and screen
    // readers use to choose the KPI, a click anywhere on the card does the same for a mouse
    <Card
      size="small"
      hoverable
      role="group"
      aria-label={name}
      data-kpi={definition.key}
      onClick={() => onSelect(definition.key)}
      style={{
        height: '100%',
        cursor: 'pointer',
        borderColor: selected ? token.colorPrimary : undefined,
        boxShadow: selected ? `0 0 0 1px ${token.colorPrimary}` : undefined,
      }}
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 4 } }}
    >
      <Flex justify="space-between" align="start" gap={4}>
        <Typography.Text type="secondary" strong>
          {name}
        </Typography.Text>
        <Flex gap={2} align="center">
          <Button
            type="text"
            size="small"
            icon={<LineChartOutlined />}
            aria-label={t('kpi.card.select', { name })}
            aria-pressed={selected}
            title={t('kpi.card.select', { name })}
            onClick={(event) => {
              event.stopPropagation();
              onSelect(definition.key);
            }}
            style={{ color: selected ? token.colorPrimary : token.colorTextTertiary }}
          />
          <Tooltip
            trigger={['hover', 'focus']}
            title={
              <>
                <div>{localized(definition.formula, language)}</div>
                <div style={{ marginTop: 4, opacity: 0.8 }}>{directionText}</div>
              </>
            }
          >
            <QuestionCircleOutlined
              role="img"
              tabIndex={0}
              aria-label={t('kpi.card.definitionOf', { name })}
              style={{ color: token.colorTextTertiary }}
              onClick={(event) => event.stopPropagation()}
            />
          </Tooltip>
        </Flex>
      </Flex>
      {item.available ? (
        <>
          {/* figure and unit each stay whole: in English "10k yuan" broke inside itself beside a wide figure;
              now the unit moves under the figure as one piece when the card is narrow */}
          <Flex align="baseline" gap={4} wrap style={{ rowGap: 0 }} data-testid="kpi-value">
            <Typography.Text style={{ fontSize: 26, fontWeight: 600, lineHeight: 1.2, whiteSpace: 'nowrap' }}>
              {value.text}
            </Typography.Text>
            {value.unit ? (
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {value.unit}
              </Typography.Text>
            ) : null}
          </Flex>
          {parts.length > 0 ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="kpi-parts">
              {t('kpi.card.ofWhich', {
                parts: parts
                  .map(
                    (part) =>
                      `${localized(part.definition.name, language)} ${formatKpiText(part.definition.unit, part.current?.value ?? null, language, t)}`,
                  )
                  .join(t('kpi.card.partSeparator')),
              })}
            </Typography.Text>
          ) : null}
          {item.current?.value === null ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('kpi.card.noValue')}
            </Typography.Text>
          ) : null}
          <ChangeLine label={t('kpi.change.previous')} change={previous} provisional={provisional} />
          <ChangeLine label={t('kpi.change.lastYear')} change={lastYear} provisional={provisional} />
          {item.target ? (
            <TargetProgress definition={definition} target={item.target} />
          ) : definition.target !== null ? (
            <Tag style={{ alignSelf: 'flex-start', marginTop: 2 }}>
              {t('kpi.card.target', {
                value: formatKpiText(definition.unit, definition.target, language, t),
              })}
            </Tag>
          ) : null}
        </>
      ) : (
        <>
          <Typography.Text style={{ fontSize: 26, fontWeight: 600, lineHeight: 1.2 }} type="secondary">
            {t('common.unknown')}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {item.unavailableReason?.message ?? t('kpi.state.unavailable')}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}

function useToneColor(tone: ChangeTone): string {
  const { token } = theme.useToken();
  if (tone === 'better') return token.colorSuccess;
  if (tone === 'worse') return token.colorError;
  return token.colorTextSecondary;
}

/**
 * "环比 ▲ 12.3% 向好": arrow and words carry the meaning, the colour repeats it. A provisional figure's comparison
 * reads "待审核，暂不可比" instead of a percentage.
 */
function ChangeLine({
  label,
  change,
  provisional,
}: {
  label: string;
  change: KpiChange;
  provisional: boolean;
}) {
  const { t } = useTranslation();
  const color = useToneColor(change.tone);
  // a figure summed from reports still in review (or none approved yet: 0.00 元) against a final one is no change:
  // "下降 100.0%" read as a collapse. The comparison waits for the review, said in words and without a percentage.
  if (provisional && change.trend !== null) {
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-tone="neutral">
        {label} {t('kpi.change.awaitingReview')}
      </Typography.Text>
    );
  }
  if (change.trend === null) {
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label} {t('kpi.change.none')}
      </Typography.Text>
    );
  }
  const icon =
    change.trend === 'up' ? (
      <ArrowUpOutlined />
    ) : change.trend === 'down' ? (
      <ArrowDownOutlined />
    ) : (
      <MinusOutlined />
    );
  const words = change.trend === 'flat' ? t('kpi.change.flat') : t(`kpi.change.${change.trend}`);
  const amount =
    change.trend === 'flat'
      ? ''
      : `${change.amount}${change.points ? ` ${t('kpi.unit.percentPoints')}` : ''}`;
  const verdict = change.tone === 'neutral' ? null : t(`kpi.change.${change.tone}`);
  return (
    <Typography.Text style={{ fontSize: 12, color }} data-tone={change.tone}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>{' '}
      <span aria-hidden>{icon}</span> {words} {amount}
      {verdict ? ` · ${verdict}` : ''}
    </Typography.Text>
  );
}
