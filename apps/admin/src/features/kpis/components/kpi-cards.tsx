import type { KpiKey, KpiOverview } from '@gongfu/contract';
import { Button, Col, Flex, Grid, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KpiCard } from './kpi-card';

/** A total whose parts are KPIs of their own: its card says what it is made of (give-back: cash and in kind). */
const KPI_PARTS: Partial<Record<KpiKey, readonly KpiKey[]>> = {
  give_back: ['give_back_cash', 'give_back_in_kind'],
};

/**
 * On a phone the cards stand one under another: all 21 ran to ~4,000 px before the warnings and the trend. The first
 * ones (the API's order puts the headline figures first) and the selected one show; the rest a tap away.
 */
const PHONE_CARDS = 6;

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
  const { t } = useTranslation();
  const phone = Grid.useBreakpoint().md === false;
  const [expanded, setExpanded] = useState(false);
  const folds = phone && overview.items.length > PHONE_CARDS + 1;
  const shown =
    folds && !expanded
      ? overview.items.filter((item, index) => index < PHONE_CARDS || item.key === selected)
      : overview.items;
  return (
    <Flex vertical gap={12}>
      <Row gutter={[12, 12]}>
        {shown.map((item) => (
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
      {folds ? (
        <Button block aria-expanded={expanded} onClick={() => setExpanded((open) => !open)}>
          {expanded
            ? t('kpi.card.showFewer')
            : t('kpi.card.showAll', {
                count: overview.items.length,
                hidden: overview.items.length - shown.length,
              })}
        </Button>
      ) : null}
    </Flex>
  );
}
