import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import type { DistributionRule } from '@gongfu/contract';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Grid,
  Row,
  Skeleton,
  Statistic,
  Tag,
  Tooltip,
  Typography,
  theme,
} from 'antd';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { ResponsiveTable } from '../../../components/responsive-table';
import { instantText, shanghaiThisMonth } from '../../../lib/shanghai-time';
import { useActiveMembership } from '../../auth/api/get-me';
import { CommunityPicker, useCommunityName } from '../../funds/components/community-picker';
import { monthLabel } from '../../reports/format';
import { createsRules } from '../access';
import { useDistributionRules } from '../api/settings';
import { percentText, SHARE_FIELDS } from '../format';
import { RuleDrawer } from './rule-drawer';

type RuleStatus = 'current' | 'future' | 'past';

/** Which version is in force this month (the latest effective month not after it), which are upcoming. */
function statusesOf(rules: readonly DistributionRule[], month: string): Map<string, RuleStatus> {
  const byMonth = [...rules].sort((a, b) =>
    a.effectiveFrom === b.effectiveFrom
      ? b.version - a.version
      : b.effectiveFrom.localeCompare(a.effectiveFrom),
  );
  const current = byMonth.find((r) => r.effectiveFrom <= month);
  return new Map(
    rules.map((r) => [r.id, r === current ? 'current' : r.effectiveFrom > month ? 'future' : 'past']),
  );
}

const STATUS_COLOR: Record<RuleStatus, string | undefined> = {
  current: 'green',
  future: 'blue',
  past: undefined,
};

/**
 * 分配规则: a community's split of its income into its funds — the rule in force, every version with the month it
 * took effect, and (district admins) a new version with its preview on last month's approved reports. District
 * roles pick the community (kept in the URL); a community's admin reads its own.
 */
export function DistributionRulesPage({
  communityId: asked,
  onCommunity,
}: {
  communityId: string | undefined;
  onCommunity: (communityId: string | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const phone = Grid.useBreakpoint().md === false;
  const membership = useActiveMembership();
  const own = membership?.communityId ?? undefined;
  const communityId = own ?? asked;
  const canCreate = createsRules(membership);
  const rules = useDistributionRules(communityId);
  const communityName = useCommunityName(communityId);
  const [editing, setEditing] = useState(false);
  const thisMonth = shanghaiThisMonth();
  const items = rules.data?.items ?? [];
  const statuses = statusesOf(items, thisMonth);
  const inForce = items.find((r) => statuses.get(r.id) === 'current');

  return (
    <PageContainer
      title={t('settings.rules.title')}
      subTitle={own ? communityName : undefined}
      extra={
        <>
          {!canCreate ? (
            <Tooltip title={t('settings.readOnlyHint')}>
              <Tag icon={<EyeOutlined />}>{t('settings.readOnly')}</Tag>
            </Tooltip>
          ) : null}
          {canCreate && communityId ? (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('settings.rules.adjust')}
            </Button>
          ) : null}
        </>
      }
    >
      <Typography.Paragraph type="secondary">{t('settings.rules.subtitle')}</Typography.Paragraph>
      {own ? null : (
        <div style={{ marginBottom: 16 }}>
          <CommunityPicker value={communityId} onChange={onCommunity} />
        </div>
      )}
      {!communityId ? (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('settings.rules.pickFirst')} />
        </Card>
      ) : rules.isPending ? (
        <Skeleton active />
      ) : rules.isError ? (
        <Alert type="error" showIcon title={rules.error.message} />
      ) : (
        <>
          <Card
            title={t('settings.rules.inForce')}
            extra={
              inForce ? (
                <Typography.Text type="secondary">
                  {t('settings.rules.inForceSince', {
                    month: monthLabel(inForce.effectiveFrom, i18n.language),
                  })}
                </Typography.Text>
              ) : null
            }
            style={{ marginBottom: 16 }}
            data-testid="rule-in-force"
          >
            {inForce && phone ? (
              // a third of a phone is too narrow for the governance fund's name: it wrapped and pushed its
              // figure below the others'. One share a line, the figures right-aligned in their own column.
              <dl
                style={{
                  display: 'grid',
                  gridTemplateColumns: '1fr auto',
                  columnGap: token.margin,
                  rowGap: token.marginXS,
                  alignItems: 'baseline',
                  margin: 0,
                }}
              >
                {SHARE_FIELDS.map(({ field, column }) => (
                  <Fragment key={field}>
                    <dt style={{ color: token.colorTextSecondary }}>{t(`settings.rules.col.${column}`)}</dt>
                    <dd
                      style={{
                        margin: 0,
                        textAlign: 'right',
                        fontSize: token.fontSizeHeading4,
                        fontVariantNumeric: 'tabular-nums',
                        color: token.colorTextHeading,
                      }}
                    >
                      {percentText(inForce[field])}
                    </dd>
                  </Fragment>
                ))}
              </dl>
            ) : inForce ? (
              <Row gutter={[16, 16]}>
                {SHARE_FIELDS.map(({ field, column }) => (
                  <Col xs={8} key={field}>
                    <Statistic
                      title={t(`settings.rules.col.${column}`)}
                      value={percentText(inForce[field])}
                    />
                  </Col>
                ))}
              </Row>
            ) : (
              <Typography.Text>{t('settings.rules.defaultRule')}</Typography.Text>
            )}
          </Card>
          <Card
            title={t('settings.rules.history')}
            // on a desk the table runs to the card's edges; on a phone the versions are cards themselves, which
            // flush to the edges read as one block: the card's own padding sets them apart
            styles={phone ? undefined : { body: { padding: 0 } }}
            data-testid="rule-history"
          >
            <ResponsiveTable<DistributionRule>
              dataSource={items}
              emptyText={t('settings.rules.historyEmpty')}
              cardTitle={['effectiveFrom', 'status']}
              rowClassName={() => 'rule-row'}
              columns={[
                {
                  key: 'effectiveFrom',
                  title: t('settings.rules.col.effectiveFrom'),
                  // as the period picker names months (2026年1月 / Jan 2026), never the wire's 2026-01
                  render: (_, r) => monthLabel(r.effectiveFrom, i18n.language),
                },
                {
                  key: 'status',
                  title: t('settings.rules.col.status'),
                  render: (_, r) => {
                    const status = statuses.get(r.id) ?? 'past';
                    return <Tag color={STATUS_COLOR[status]}>{t(`settings.rules.status.${status}`)}</Tag>;
                  },
                },
                ...SHARE_FIELDS.map(({ field, column }) => ({
                  key: field,
                  title: t(`settings.rules.col.${column}`),
                  align: 'right' as const,
                  render: (_: unknown, r: DistributionRule) => percentText(r[field]),
                })),
                {
                  key: 'createdAt',
                  title: t('settings.rules.col.createdAt'),
                  render: (_, r) => instantText(r.createdAt),
                },
                // 设置人: a district official, whom the API names to the district's roles only (a community's
                // admin reads its rules without it: the column would be blank)
                ...(own
                  ? []
                  : [
                      {
                        key: 'createdBy',
                        title: t('settings.rules.col.createdBy'),
                        // no setter: a rule carried over from before the platform (上线前已设定), not set in it
                        render: (_: unknown, r: DistributionRule) =>
                          r.createdBy === null
                            ? t('settings.rules.initialData')
                            : (r.createdByName ?? t('common.unknown')),
                      },
                    ]),
              ]}
            />
          </Card>
        </>
      )}
      {canCreate && communityId && editing ? (
        <RuleDrawer
          open={editing}
          communityId={communityId}
          communityName={communityName ?? ''}
          inForce={inForce}
          latestEffectiveFrom={items[0]?.effectiveFrom}
          onClose={() => setEditing(false)}
        />
      ) : null}
    </PageContainer>
  );
}
