import type { Warning } from '@gongfu/contract';
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { monthLabel } from '../../reports/format';
import { conditionAge } from '../facts';

/** `2026-11-10` as 2026年11月10日 / 10 Nov 2026. */
export function dayLabel(date: string, language: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (!year || !month || !day) return date;
  if (language === 'en') {
    // the month's short name as monthLabel says it (Sep, not en-GB's Sept), day first: never ambiguous
    const name = new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString('en-US', {
      month: 'short',
      timeZone: 'UTC',
    });
    return `${day} ${name} ${year}`;
  }
  return `${year}年${month}月${day}日`;
}

export interface ConditionTexts {
  /** how long: 25 个月 / 12 天 / 不足 1 个月 */
  age: string;
  /** since when: 自 2024年11月起 / 自 2026年11月10日起 */
  since: string;
  /** 发现于 2026年12月8日, where the check found it on another day (month) than it began; else null */
  detected: string | null;
  /** 发现后 5 天处理, for a resolved warning; else null */
  resolved: string | null;
}

/** The words for how long a warning's condition has held (facts.ts `conditionAge`), in the UI language. */
export function useConditionTexts(): (warning: Warning) => ConditionTexts {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (warning) => {
    const age = conditionAge(warning);
    const ageText =
      age.unit === 'months'
        ? age.count === 0
          ? t('oversight.warnings.ageUnderMonth')
          : t('oversight.warnings.ageMonths', { count: age.count })
        : age.count === 0
          ? t('oversight.warnings.ageToday')
          : t('oversight.warnings.ageDays', { count: age.count });
    return {
      age: ageText,
      since: age.byMonth
        ? t('oversight.warnings.sinceMonth', { month: monthLabel(age.since.slice(0, 7), language) })
        : t('oversight.warnings.sinceDay', { date: dayLabel(age.since, language) }),
      detected: age.detectedOn
        ? t('oversight.warnings.detectedOn', { date: dayLabel(age.detectedOn, language) })
        : null,
      resolved:
        age.resolvedAfterDays === null
          ? null
          : t('oversight.warnings.resolvedAfter', { count: age.resolvedAfterDays }),
    };
  };
}

/**
 * A list's 已持续 cell: how long, then since when and — secondary — when a check found it (or, resolved, how soon
 * after that it was handled).
 */
export function ConditionAgeCell({ warning }: { warning: Warning }) {
  const texts = useConditionTexts()(warning);
  const second = [texts.since, texts.resolved ?? texts.detected].filter(Boolean).join(' · ');
  return (
    <Flex vertical>
      <span className="warning-age">{texts.age}</span>
      <Typography.Text type="secondary" className="warning-since" style={{ fontSize: 12 }}>
        {second}
      </Typography.Text>
    </Flex>
  );
}
