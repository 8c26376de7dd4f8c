import type { KpiKey, KpiOverview } from '@gongfu/contract';
import { Col, Row } from 'antd';
import { KpiCard } from './kpi-card';

/** A total whose parts are KPIs of their own: its card says what it is made of (give-back: cash and in kind). */
const KPI_PARTS: Partial<Record<KpiKey, readonly KpiKey[]>> = {
  give_back: ['give_back_cash', 'give_back_in_kind'],
};

/** Every KPI the API returned, as cards in its order; a click chooses the KPI of the trend and the ranking. */
export function KpiCards({
  overview,
  selected,
  onSelect,
  reviewPending = false,
}: {
  overview: KpiOverview;
  selected: KpiKey;
  onSelect: (key: KpiKey) => void;
  /** the period's due reports are not all approved yet */
  reviewPending?: boolean;
}) {
  return (
    <Row gutter={[12, 12]}>
      {overview.items.map((item) => (
        <Col key={item.key} xs={24} sm={12} md={8} xl={6} xxl={4}>
          <KpiCard
            item={item}
            parts={overview.items.filter((part) => KPI_PARTS[item.key]?.includes(part.key))}
            selected={item.key === selected}
            onSelect={onSelect}
            reviewPending={reviewPending}
          />
        </Col>
      ))}
    </Row>
  );
}
