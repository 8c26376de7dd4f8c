import type { KpiKey, KpiOverview } from '@gongfu/contract';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { localized } from '../format';

/** Chooses a KPI by the names the API returned with the overview (never a list of our own). */
export function KpiSelect({
  overview,
  value,
  onChange,
}: {
  overview: KpiOverview | undefined;
  value: KpiKey;
  onChange: (key: KpiKey) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Select<KpiKey>
      aria-label={t('kpi.trend.kpi')}
      value={value}
      loading={!overview}
      onChange={onChange}
      style={{ minWidth: 200 }}
      showSearch={{ optionFilterProp: 'label' }}
      options={(overview?.items ?? []).map((item) => ({
        value: item.key,
        label: localized(item.definition.name, i18n.language),
      }))}
      labelRender={({ label }) => label ?? value}
    />
  );
}
