import type { FundFlow, KpiMix } from '@gongfu/contract';
import type { PeriodKind } from '@gongfu/domain';
import { Card, Col, Flex, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../exports/components/export-button';
import { useFundFlow } from '../api/get-fund-flow';
import { useKpiMix } from '../api/get-kpi-mix';
import { FundFlowChart } from '../charts/fund-flow-chart';
import { MixChart } from '../charts/mix-chart';
import { formatFen, localized } from '../format';
import { QueryState, UnavailableNotice } from './query-state';

export function FundsPanel({ period, month }: { period: PeriodKind; month: string }) {
  const { t } = useTranslation();
  const flow = useFundFlow({ period, month });
  const mix = useKpiMix({ period, month });
  return (
    <Row gutter={[16, 16]}>
      {/* the Sankey takes the whole width on every screen: beside the mix (at 1600 px) its four columns were ~200 px
          apart and each column's labels ran over the next one's */}
      <Col xs={24}>
        <Card
          title={t('kpi.funds.flowTitle')}
          extra={<ExportButton view="fund-flow" params={{ period, month }} size="small" compact />}
          style={{ height: '100%' }}
        >
          <QueryState
            query={flow}
            rows={8}
            emptyText={t('kpi.funds.flowEmpty')}
            isEmpty={(f) => f.available && f.links.length === 0}
          >
            {(f) =>
              f.available ? (
                <FlowBody flow={f} />
              ) : (
                <UnavailableNotice message={f.unavailableReason?.message} />
              )
            }
          </QueryState>
        </Card>
      </Col>
      <Col xs={24}>
        <Card
          title={t('kpi.funds.mixTitle')}
          extra={<ExportButton view="kpi-mix" params={{ period, month }} size="small" compact />}
          style={{ height: '100%' }}
        >
          <QueryState
            query={mix}
            rows={8}
            emptyText={t('kpi.funds.mixEmpty')}
            isEmpty={(m) => m.operatingModels.length === 0 && m.priceTiers.length === 0}
          >
            {(m) => <MixBody mix={m} />}
          </QueryState>
        </Card>
      </Col>
    </Row>
  );
}

function FlowBody({ flow }: { flow: FundFlow }) {
  const { t, i18n } = useTranslation();
  const inflow = formatFen(flow.inflowFen, i18n.language, t);
  const outflow = formatFen(flow.outflowFen, i18n.language, t);
  return (
    <Flex vertical gap={12}>
      <Flex gap={32} wrap>
        <Statistic title={t('kpi.funds.inflow')} value={inflow.text} suffix={inflow.unit} />
        <Statistic title={t('kpi.funds.outflow')} value={outflow.text} suffix={outflow.unit} />
        {/* the label as written: a Statistic groups a number's digits, and read the year 2026 as "2,026" */}
        <Statistic
          title={t('kpi.period.label')}
          value={localized(flow.period.label, i18n.language)}
          formatter={(value) => String(value)}
        />
      </Flex>
      <FundFlowChart flow={flow} label={t('kpi.funds.flowChart')} />
    </Flex>
  );
}

function MixBody({ mix }: { mix: KpiMix }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8}>
      <Typography.Text strong>{t('kpi.funds.operatingModels')}</Typography.Text>
      {mix.operatingModels.length > 0 ? (
        <MixChart buckets={mix.operatingModels} measure="revenue" label={t('kpi.funds.operatingModels')} />
      ) : (
        <Typography.Text type="secondary">{t('kpi.funds.mixEmpty')}</Typography.Text>
      )}
      <Typography.Text strong>{t('kpi.funds.priceTiers')}</Typography.Text>
      {mix.priceTiers.length > 0 ? (
        <MixChart buckets={mix.priceTiers} measure="transactions" label={t('kpi.funds.priceTiers')} />
      ) : (
        <Typography.Text type="secondary">{t('kpi.funds.mixEmpty')}</Typography.Text>
      )}
    </Flex>
  );
}
