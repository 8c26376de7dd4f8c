import { PERIOD_KINDS, type PeriodKind } from '@gongfu/domain';
import { DatePicker, Flex, Segmented, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';

export interface PeriodPickerProps {
  period: PeriodKind;
  month: string;
  /** the latest month that can be picked */
  latestMonth: string;
  onChange: (next: { period: PeriodKind; month: string }) => void;
}

/** 月度 / 季度 / 年度 / 年初至今 and a month: the quarter or year is the one containing the month. */
export function PeriodPicker({ period, month, latestMonth, onChange }: PeriodPickerProps) {
  const { t, i18n } = useTranslation();
  const latest = dayjs(`${latestMonth}-01`).endOf('month');
  return (
    <Flex gap={8} wrap align="center" role="group" aria-label={t('kpi.period.label')} data-period-picker>
      <Segmented<PeriodKind>
        aria-label={t('kpi.period.kind')}
        value={period}
        options={PERIOD_KINDS.map((kind) => ({ value: kind, label: t(`kpi.period.${kind}`) }))}
        onChange={(kind) => onChange({ period: kind, month })}
      />
      <Tooltip title={t('kpi.period.pickMonthHint')}>
        <DatePicker
          picker="month"
          aria-label={t('kpi.period.pickMonth')}
          allowClear={false}
          value={dayjs(`${month}-01`)}
          // the month in the reader's words, as the bulletin's month list and the period's title say it
          // (2026年10月 / Oct 2026), not the API's 2026-10; typed input parses in the same format
          format={i18n.language === 'en' ? 'MMM YYYY' : 'YYYY年M月'}
          disabledDate={(date: Dayjs) => date.isAfter(latest)}
          onChange={(date: Dayjs | null) => {
            if (date) onChange({ period, month: date.format('YYYY-MM') });
          }}
          style={{ width: 130 }}
        />
      </Tooltip>
    </Flex>
  );
}
