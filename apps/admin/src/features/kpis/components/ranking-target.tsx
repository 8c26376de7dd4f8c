import type { KpiRanking } from '@gongfu/contract';
import { Flex, Tag, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { formatKpiText } from '../format';
import { progressText, targetValue } from './target-progress';

type RankingItem = KpiRanking['items'][number];

/** The communities below their yearly target, and what "below" means here: a tag and a sentence, not colour alone. */
export function RankingTargetLegend({ ranking }: { ranking: KpiRanking }) {
  const { t } = useTranslation();
  const withTarget = ranking.items.filter((item) => item.target !== null);
  if (withTarget.length === 0) return null;
  const below = withTarget.filter((item) => item.target?.belowTarget).length;
  return (
    <Flex gap={8} align="center" wrap data-testid="ranking-target-legend">
      <Tag color="error">
        {t('targets.ranking.belowCount')} {below} / {withTarget.length}
      </Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('targets.ranking.legend', { through: ranking.through })}
      </Typography.Text>
    </Flex>
  );
}

/** The ranking table's column of each community's yearly target and where it stands against it. */
export function useRankingTargetColumn(ranking: KpiRanking): ColumnType<RankingItem> | null {
  const { t, i18n } = useTranslation();
  if (!ranking.items.some((item) => item.target !== null)) return null;
  return {
    title: t('targets.ranking.target'),
    key: 'target',
    render: (_: unknown, row: RankingItem) => {
      const target = row.target;
      if (!target) return <Typography.Text type="secondary">{t('targets.ranking.noTarget')}</Typography.Text>;
      const value = formatKpiText(ranking.kpi.unit, targetValue(ranking.kpi, target.value), i18n.language, t);
      return (
        <Flex gap={4} align="center" wrap>
          <span>{value}</span>
          {target.progressBp !== null ? (
            <Typography.Text type="secondary">
              {progressText(target.progressBp, i18n.language)}
            </Typography.Text>
          ) : null}
          {target.belowTarget === null ? (
            <Tag>{t('targets.ranking.unknown')}</Tag>
          ) : target.belowTarget ? (
            <Tag color="error">▼ {t('targets.ranking.below')}</Tag>
          ) : (
            <Tag color="success">✓ {t('targets.ranking.onTrack')}</Tag>
          )}
        </Flex>
      );
    },
  };
}
