import type { KpiKey, KpiOverview } from '@gongfu/contract';
import { Col, Row } from 'antd';
import { KpiCard } from './kpi-card';

/** Every KPI the API returned, as cards in its order; a click chooses the KPI of the trend and the ranking. */
export function KpiCards({
  overview,
  selected,
  onSelect,
}: {
  overview: KpiOverview;
  selected: KpiKey;
  onSelect: (key: KpiKey) => void;
}) {
  return (
    <Row gutter={[12, 12]}>
      {overview.items.map((item) => (
        <Col key={item.key} xs={24} sm={12} md={8} xl={6} xxl={4}>
          <KpiCard item={item} selected={item.key === selected} onSelect={onSelect} />
        </Col>
      ))}
    </Row>
  );
}
