import type { KpiDefinition, KpiTargetProgress } from '@gongfu/contract';
import { Flex, Progress, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatKpiText } from '../format';

/** A target's integer (fen, a count, basis points) as the KPI's own value: a rate as a fraction. */
export function targetValue(definition: Pick<KpiDefinition, 'unit'>, value: number): number {
  return definition.unit === 'ratio' ? value / 10_000 : value;
}

/** A progress in basis points as a percentage with one decimal ("45.3%"). */
export function progressText(bp: number, language: string): string {
  return `${(bp / 100).toLocaleString(language === 'en' ? 'en-US' : 'zh-CN', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  })}%`;
}

/**
 * A card's progress to its yearly target (ADR 0017): the target, a bar of the year to date against it, what is due by
 * now (a flow's pro-rata share) and whether the figures are behind — in words, not colour alone.
 */
export function TargetProgress({
  definition,
  target,
}: {
  definition: Pick<KpiDefinition, 'unit' | 'direction'>;
  target: KpiTargetProgress;
}) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const language = i18n.language;
  const text = (value: number) => formatKpiText(definition.unit, targetValue(definition, value), language, t);
  const scope = target.communityId
    ? t('targets.progress.scopeCommunity')
    : t('targets.progress.scopeDistrict');
  const ceiling = definition.direction === 'lower_is_better';
  const headline = t(ceiling ? 'targets.progress.ceiling' : 'targets.progress.target', {
    scope,
    value: text(target.value),
  });
  const percent = target.progressBp === null ? null : Math.max(0, Math.min(100, target.progressBp / 100));
  const verdict =
    target.belowTarget === null
      ? null
      : target.belowTarget
        ? t('targets.progress.below')
        : t('targets.progress.onTrack');
  const color = target.belowTarget
    ? token.colorError
    : target.belowTarget === false
      ? token.colorSuccess
      : undefined;
  return (
    <Flex
      vertical
      gap={0}
      data-testid="kpi-target"
      data-below={String(target.belowTarget)}
      style={{ marginTop: 4 }}
    >
      <Typography.Text style={{ fontSize: 12 }}>{headline}</Typography.Text>
      {target.through === null ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('targets.progress.nothingDue')}
        </Typography.Text>
      ) : (
        <>
          {percent === null ? null : (
            <Progress
              percent={percent}
              size="small"
              showInfo={false}
              status={target.belowTarget ? 'exception' : target.belowTarget === false ? 'success' : 'normal'}
              aria-label={t('targets.progress.aria', {
                percent: progressText(target.progressBp ?? 0, language),
              })}
            />
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {target.progressBp === null
              ? target.actual?.value == null
                ? t('targets.progress.unknown')
                : t('targets.progress.level', {
                    through: target.through,
                    value: formatKpiText(definition.unit, target.actual.value, language, t),
                  })
              : // a flow's card shows its period (a month, say): the year to date the progress is of is said
                target.kind === 'flow' && target.actual?.value != null
                ? t('targets.progress.yearToDate', {
                    value: formatKpiText(definition.unit, target.actual.value, language, t),
                    percent: progressText(target.progressBp, language),
                  })
                : t('targets.progress.percent', { percent: progressText(target.progressBp, language) })}
            {verdict ? (
              <>
                {' · '}
                <span style={{ color }}>{verdict}</span>
              </>
            ) : null}
          </Typography.Text>
          {target.kind === 'flow' && target.expected !== null ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('targets.progress.expected', { value: text(target.expected), through: target.through })}
            </Typography.Text>
          ) : null}
        </>
      )}
    </Flex>
  );
}
