import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import type { Agreement, ReportStatusRow } from '@gongfu/contract';
import { addMonths, compareChineseNames, type Month, shanghaiDateOf } from '@gongfu/domain';
import { Link } from '@tanstack/react-router';
import { Button, Card, Col, Flex, Grid, List, Row, Tag, Typography, theme } from 'antd';
import type { TFunction } from 'i18next';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { activeMembership, useMe } from '../../auth/api/get-me';
import { yuanText } from '../../funds/format';
import { QueryState } from '../../kpis/components/query-state';
import { useAgreements } from '../../register/api/register';
import { ExpiryTag } from '../../register/components/agreements-page';
import { agreementHas, shareText } from '../../register/format';
import { useReportStatus } from '../../reports/api/reports';
import { monthLabel, OWED_REPORT_STATUSES, openReportMonth } from '../../reports/format';
import { ShortcutsCard, TodoCard } from './community-home-page';

/**
 * An operator partner's workplace (合作方工作台): what is owed this month, and the ventures it runs across the
 * district's communities — each with its agreement (terms, guaranteed remittance, term and its reminder) and the
 * month's report, one click from its form. The partner has no register in its menu; this is where it sees what it
 * signed.
 */
export function PartnerHomePage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const me = useMe();
  const wide = Grid.useBreakpoint().xl === true;
  const membership = activeMembership(me);
  // one read of the partner's agreements: the ventures card shows them, the to-dos count the expiring ones
  const agreements = useAgreements(
    { partnerId: membership?.partnerId ?? undefined },
    Boolean(membership?.partnerId),
  );
  if (!membership?.partnerId) return null;
  const todo = <TodoCard membership={membership} agreements={agreements} />;
  const ventures = <VenturesCard agreements={agreements.data?.items} />;
  const shortcuts = <ShortcutsCard role={membership.role} />;
  return (
    <PageContainer
      title={t('home.title', { name: membership.partnerName ?? '' })}
      documentTitle={t('nav.overview')}
      subTitle={t('home.subtitle', { name: me.user.displayName, role: t(`role.${membership.role}`) })}
    >
      {wide ? (
        <Row gutter={[token.marginLG, token.marginLG]}>
          <Col xl={15}>{ventures}</Col>
          <Col xl={9}>
            <Flex vertical gap={token.marginLG}>
              {todo}
              {shortcuts}
            </Flex>
          </Col>
        </Row>
      ) : (
        <Flex vertical gap={token.margin}>
          {todo}
          {ventures}
          {shortcuts}
        </Flex>
      )}
    </PageContainer>
  );
}

const STATUS_COLOR: Record<ReportStatusRow['status'], string | undefined> = {
  on_time: 'green',
  late: 'orange',
  missing: 'red',
  returned: 'red',
  draft: 'blue',
  not_due: undefined,
};

/** The agreement that governs the venture now: the running one, else the one that ends last. */
function currentAgreement(agreements: readonly Agreement[], ventureId: string, today: string) {
  const own = agreements.filter((a) => a.ventureId === ventureId);
  return (
    own.find((a) => a.startsOn <= today && today <= a.endsOn) ??
    own.sort((a, b) => b.endsOn.localeCompare(a.endsOn))[0]
  );
}

/**
 * The pieces of a venture's line: its community, its agreement's terms with what they come to (固定费用 8,000.00 元/月,
 * 利润分成 20.00%, both joined by +: the fee is per month, as the guaranteed remittance) and the guaranteed
 * remittance, each with the separator before it. A term the agreement lacks is left out unless a figure was recorded.
 */
function lineParts(communityName: string, agreement: Agreement | undefined, t: TFunction) {
  const parts: { text: string; before: string }[] = [{ text: communityName, before: '' }];
  if (!agreement) return parts;
  const terms = [
    agreementHas(agreement.terms, 'fee') || agreement.feeFen !== 0
      ? t('home.partner.fee', { amount: yuanText(agreement.feeFen, t) })
      : null,
    agreementHas(agreement.terms, 'share') || agreement.operatorShareBp !== 0
      ? t('home.partner.share', { share: shareText(agreement.operatorShareBp) })
      : null,
  ].filter((text): text is string => text !== null);
  for (const [i, text] of terms.entries()) parts.push({ text, before: i === 0 ? ' · ' : ' + ' });
  if (agreement.guaranteedMinRemittanceFen) {
    parts.push({
      text: t('home.partner.guaranteed', { amount: yuanText(agreement.guaranteedMinRemittanceFen, t) }),
      before: ' · ',
    });
  }
  return parts;
}

function VenturesCard({ agreements }: { agreements: readonly Agreement[] | undefined }) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const language = i18n.language;
  const month = openReportMonth();
  const status = useReportStatus({ month });
  // the month before: a report still missing (or sent back) there is what puts the venture on the district's
  // overdue list, and the open month's tags would not show it
  const previousMonth = addMonths(month as Month, -1);
  const previous = useReportStatus({ month: previousMonth });
  const behind = new Map(
    (previous.data?.items ?? [])
      .filter((row) => row.expected && (row.status === 'missing' || row.status === 'returned'))
      .map((row) => [row.ventureId, row.status] as const),
  );
  const today = shanghaiDateOf(new Date());
  return (
    <Card
      title={t('home.partner.ventures')}
      extra={<Link to="/register/agreements">{t('home.partner.openAgreements')}</Link>}
    >
      <QueryState
        query={status}
        emptyText={t('home.partner.none')}
        isEmpty={(data) => data.items.length === 0}
      >
        {(data) => (
          <Flex vertical gap={token.marginXS}>
            <Typography.Text type="secondary">
              {t('home.partner.monthNote', { month: monthLabel(month, language), due: data.dueDate })}
            </Typography.Text>
            <List
              // by community, by pinyin (the API's order is by code point)
              dataSource={[...data.items].sort(
                (a, b) =>
                  compareChineseNames(a.communityName, b.communityName) ||
                  compareChineseNames(a.ventureName, b.ventureName),
              )}
              rowKey="ventureId"
              renderItem={(row) => {
                const agreement = currentAgreement(agreements ?? [], row.ventureId, today);
                const owed = row.expected && OWED_REPORT_STATUSES.has(row.status);
                return (
                  <List.Item
                    actions={[
                      <Link
                        key="open"
                        to="/reporting/form"
                        search={{ ventureId: row.ventureId, month }}
                        aria-label={`${owed ? t('home.partner.fill') : t('home.partner.view')} ${row.ventureName}`}
                      >
                        <Button
                          size="small"
                          type={row.status === 'returned' ? 'primary' : 'default'}
                          icon={owed ? <EditOutlined /> : <EyeOutlined />}
                          tabIndex={-1}
                        >
                          {owed ? t('home.partner.fill') : t('home.partner.view')}
                        </Button>
                      </Link>,
                    ]}
                  >
                    <List.Item.Meta
                      title={
                        <Flex wrap gap={token.marginXS} align="center">
                          <span>{row.ventureName}</span>
                          <Tag color={STATUS_COLOR[row.status]} style={{ marginInlineEnd: 0 }}>
                            {row.expected
                              ? t(`reports.overview.${row.status}`)
                              : t('home.partner.notExpected')}
                          </Tag>
                          {behind.has(row.ventureId) ? (
                            <Link
                              to="/reporting/form"
                              search={{ ventureId: row.ventureId, month: previousMonth }}
                            >
                              <Tag color="red" style={{ marginInlineEnd: 0 }}>
                                {t(
                                  behind.get(row.ventureId) === 'returned'
                                    ? 'home.partner.previousReturned'
                                    : 'home.partner.previousMissing',
                                  { month: monthLabel(previousMonth, language) },
                                )}
                              </Tag>
                            </Link>
                          ) : null}
                        </Flex>
                      }
                      description={
                        <Flex vertical gap={2}>
                          <Typography.Text type="secondary" data-testid="venture-terms">
                            {/* a line breaks between its pieces on a phone, never inside "8,000.00 元/月" */}
                            {lineParts(row.communityName, agreement, t).map(({ text, before }) => (
                              <Fragment key={text}>
                                {before}
                                <span style={{ whiteSpace: 'nowrap' }}>{text}</span>
                              </Fragment>
                            ))}
                          </Typography.Text>
                          {agreement ? (
                            <Flex wrap gap={token.marginXS} align="center">
                              <Typography.Text type="secondary">
                                {t('home.partner.term')}{' '}
                                <span style={{ whiteSpace: 'nowrap' }}>
                                  {agreement.startsOn} ~ {agreement.endsOn}
                                </span>
                              </Typography.Text>
                              <ExpiryTag agreement={agreement} />
                            </Flex>
                          ) : (
                            <Typography.Text type="secondary">
                              {t('home.partner.noAgreement')}
                            </Typography.Text>
                          )}
                        </Flex>
                      }
                    />
                  </List.Item>
                );
              }}
            />
          </Flex>
        )}
      </QueryState>
    </Card>
  );
}
