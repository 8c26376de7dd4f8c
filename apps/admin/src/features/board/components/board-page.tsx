import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import type { PublicDisclosure } from '@gongfu/contract';
import { fenToChineseCapital, formatYuan, PROPOSAL_USE_CATEGORY_LABELS } from '@gongfu/domain';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Progress,
  QRCode,
  Space,
  Spin,
  Table,
  Tag,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api-client';
import { shanghaiToday } from '../../../lib/shanghai-time';
import { label } from '../../funds/format';
import { keepDatesWhole } from '../../funds/keep-dates-whole';
import { percentText } from '../../settings/format';
import { LanguageSwitch } from '../../shell/components/language-switch';
import { useBoard } from '../api/board';
import './board-print.css';

type Proposal = PublicDisclosure['proposals'][number];

const yuan = (fen: number) => formatYuan(fen, { grouping: true });

export interface BoardPageProps {
  districtId: string;
  communityId: string;
  from?: string | undefined;
  to?: string | undefined;
  onPeriodChange: (period: { from?: string; to?: string }) => void;
}

/**
 * The residents' public board (公示栏). One page that reads on a phone and prints on A4: the title, the period, the
 * organisation, a numbered table of items (item / amount, in capital numerals on paper / source / responsible body /
 * approval), the funds' inflows and outflows, what happened after each vote, the feedback channel, the data date and
 * a QR code of this very page for the physical notice board. Only what the public API returns is shown.
 */
export function BoardPage({ districtId, communityId, from, to, onPeriodChange }: BoardPageProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const query = useBoard({ districtId, communityId, from, to });
  const board = query.data;

  useEffect(() => {
    if (board) document.title = t('board.title', { community: board.community.name });
  }, [board, t]);

  if (query.isPending) {
    return (
      <div className="board-page board-state">
        <Spin tip={t('board.loading')}>
          <div style={{ height: 80 }} />
        </Spin>
      </div>
    );
  }
  if (query.isError || !board) {
    const missing = isApiError(query.error, 404);
    return (
      <div className="board-page board-state">
        <Alert
          type={missing ? 'warning' : 'error'}
          showIcon
          title={missing ? t('board.notFound') : t('board.failed')}
          action={
            missing ? null : (
              <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()}>
                {t('board.retry')}
              </Button>
            )
          }
        />
        <div className="board-no-print" style={{ marginTop: 16 }}>
          <LanguageSwitch type="default" />
        </div>
      </div>
    );
  }

  const responsible = board.community.responsibleOrg ?? board.community.name;
  const approvalText = (p: Proposal) =>
    p.meetingOn
      ? t('board.items.approvalText', {
          date: p.meetingOn,
          for: p.votesFor ?? 0,
          against: p.votesAgainst ?? 0,
          abstain: p.votesAbstain ?? 0,
        })
      : '';
  const capital = (fen: number) => (language === 'en' ? null : fenToChineseCapital(fen));

  const columns: ColumnsType<Proposal> = [
    {
      key: 'no',
      title: t('board.items.no'),
      width: 56,
      align: 'center',
      render: (_v, _p, index) => index + 1,
    },
    {
      key: 'item',
      title: t('board.items.item'),
      render: (_v, p) => (
        <>
          <div className="board-item-title">{p.title}</div>
          <div className="board-muted">
            {label(PROPOSAL_USE_CATEGORY_LABELS[p.useCategory], language)} · {t(`board.status.${p.status}`)}
          </div>
        </>
      ),
    },
    {
      key: 'amount',
      title: t('board.items.amount'),
      align: 'right',
      render: (_v, p) => (
        <>
          <div className="board-amount">{yuan(p.amountFen)}</div>
          {capital(p.amountFen) ? <div className="board-capital">{capital(p.amountFen)}</div> : null}
        </>
      ),
    },
    {
      key: 'source',
      title: t('board.items.source'),
      render: (_v, p) => p.fundName ?? t('board.items.fundNotPublic'),
    },
    { key: 'responsible', title: t('board.items.responsible'), render: () => responsible },
    {
      key: 'approval',
      title: t('board.items.approval'),
      render: (_v, p) => (
        <>
          <div>{approvalText(p)}</div>
          {p.eligibleVoters !== null && p.attendance !== null ? (
            <div className="board-muted">
              {t('board.items.attendance', { eligible: p.eligibleVoters, attendance: p.attendance })}
            </div>
          ) : null}
          <div className="board-muted">
            {/* its days kept whole: on a phone "2026-03-04" wrapped as "2026-" / "03-04" */}
            {keepDatesWhole(
              t('board.items.disclosure', { from: p.disclosureStartsOn, to: p.disclosureEndsOn }),
            )}
            {/* '；' is Chinese punctuation: English goes on with '; ' */}
            {p.objectionsCount > 0
              ? `${t('board.separator')}${t('board.items.objections', { count: p.objectionsCount })}`
              : ''}
          </div>
        </>
      ),
    },
  ];
  const total = board.proposals.reduce((sum, p) => sum + p.amountFen, 0);
  const here = typeof window === 'undefined' ? '' : window.location.href;

  return (
    <div className="board-page">
      <header className="board-header">
        <div className="board-toolbar board-no-print">
          <DatePicker.RangePicker
            picker="month"
            allowClear={false}
            aria-label={t('board.pickPeriod')}
            value={[dayjs(board.period.from), dayjs(board.period.to)]}
            onChange={(range) => {
              const [start, end] = range ?? [];
              if (start && end) onPeriodChange({ from: start.format('YYYY-MM'), to: end.format('YYYY-MM') });
            }}
          />
          <Space>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t('board.print')}
            </Button>
            <LanguageSwitch type="default" />
          </Space>
        </div>
        <h1 className="board-title">{t('board.title', { community: board.community.name })}</h1>
        <div className="board-subtitle">{t('board.heading')}</div>
        <Descriptions
          className="board-meta"
          size="small"
          column={{ xs: 1, sm: 1, md: 3 }}
          items={[
            {
              key: 'period',
              label: t('board.period'),
              children: t('board.periodRange', { from: board.period.from, to: board.period.to }),
            },
            {
              key: 'org',
              label: t('board.responsibleOrg'),
              children: board.community.responsibleOrg ?? t('board.notSet'),
            },
            { key: 'date', label: t('board.dataDate'), children: board.dataDate },
          ]}
        />
      </header>

      <section className="board-section">
        <h2>{t('board.items.title')}</h2>
        {board.proposals.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.items.empty')} />
        ) : (
          <>
            <Table<Proposal>
              className="board-table"
              rowKey="id"
              size="small"
              bordered
              pagination={false}
              columns={columns}
              dataSource={board.proposals}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={2} align="right">
                    {t('board.items.total')}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    <div className="board-amount">{yuan(total)}</div>
                    {capital(total) ? <div className="board-capital">{capital(total)}</div> : null}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} colSpan={3} />
                </Table.Summary.Row>
              )}
            />
            {/* the same rows as cards on a phone (CSS picks one of the two; paper always gets the table) */}
            <ol className="board-cards">
              {board.proposals.map((p, index) => (
                <li key={p.id}>
                  <Card size="small" title={`${index + 1}. ${p.title}`}>
                    <Descriptions
                      size="small"
                      column={1}
                      items={[
                        {
                          key: 'amount',
                          label: t('board.items.amount'),
                          children: (
                            <span className="board-amount">
                              {yuan(p.amountFen)}
                              {capital(p.amountFen) ? `（${capital(p.amountFen)}）` : ''}
                            </span>
                          ),
                        },
                        {
                          key: 'source',
                          label: t('board.items.source'),
                          children: p.fundName ?? t('board.items.fundNotPublic'),
                        },
                        { key: 'responsible', label: t('board.items.responsible'), children: responsible },
                        { key: 'approval', label: t('board.items.approval'), children: approvalText(p) },
                        {
                          key: 'disclosure',
                          label: t('board.items.disclosureLabel'),
                          children: (
                            <>
                              {keepDatesWhole(
                                t('board.items.disclosure', {
                                  from: p.disclosureStartsOn,
                                  to: p.disclosureEndsOn,
                                }),
                              )}{' '}
                              <Tag>{t(`board.status.${p.status}`)}</Tag>
                            </>
                          ),
                        },
                      ]}
                    />
                  </Card>
                </li>
              ))}
            </ol>
          </>
        )}
      </section>

      <section className="board-section">
        <h2>{t('board.funds.title')}</h2>
        {board.funds.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.funds.empty')} />
        ) : (
          <div className="board-funds">
            {board.funds.map((fund) => (
              <Card key={fund.id} size="small" title={fund.name}>
                {fund.profitShareBp === null ? null : (
                  // two funds with the same share show the same figures: the rule says why
                  <div className="board-muted" style={{ marginBottom: 8 }}>
                    {fund.profitShareBp > 0
                      ? t('board.funds.share', { share: percentText(fund.profitShareBp) })
                      : t('board.funds.noShare')}
                  </div>
                )}
                <Descriptions
                  size="small"
                  column={{ xs: 1, sm: 2, md: 4 }}
                  items={[
                    {
                      key: 'opening',
                      label: t('board.funds.opening'),
                      children: <span className="board-amount">{yuan(fund.openingFen)}</span>,
                    },
                    {
                      key: 'in',
                      label: t('board.funds.inflow'),
                      children: <span className="board-amount">{yuan(fund.inflowFen)}</span>,
                    },
                    {
                      key: 'out',
                      label: t('board.funds.outflow'),
                      children: <span className="board-amount">{yuan(fund.outflowFen)}</span>,
                    },
                    {
                      key: 'closing',
                      label: t('board.funds.closing'),
                      children: <span className="board-amount">{yuan(fund.closingFen)}</span>,
                    },
                  ]}
                />
              </Card>
            ))}
          </div>
        )}
      </section>

      {board.proposals.length > 0 ? (
        <section className="board-section">
          <h2>{t('board.after.title')}</h2>
          <div className="board-after">
            {board.proposals.map((p, index) => (
              <Card
                key={p.id}
                size="small"
                title={`${index + 1}. ${p.title}`}
                extra={<Tag>{t(`board.status.${p.status}`)}</Tag>}
              >
                <div className="board-muted">{approvalText(p)}</div>
                <Progress
                  percent={p.amountFen > 0 ? Math.min(100, Math.round((p.paidFen / p.amountFen) * 100)) : 0}
                  aria-label={t('board.after.paid')}
                />
                <Descriptions
                  size="small"
                  column={{ xs: 1, sm: 3 }}
                  items={[
                    { key: 'approved', label: t('board.after.approved'), children: yuan(p.amountFen) },
                    { key: 'paid', label: t('board.after.paid'), children: yuan(p.paidFen) },
                    {
                      key: 'remaining',
                      label: t('board.after.remaining'),
                      children: yuan(Math.max(0, p.amountFen - p.paidFen)),
                    },
                  ]}
                />
                <div>
                  <strong>
                    {t('board.after.payouts')}
                    {t('common.colon')}
                  </strong>
                  {p.payouts.length === 0
                    ? t('board.after.noPayouts')
                    : p.payouts
                        .map((x) => t('board.after.payout', { date: x.paidOn, amount: yuan(x.amountFen) }))
                        .join(t('board.separator'))}
                </div>
                {p.closeResult ? (
                  <div>
                    <strong>
                      {t('board.after.closeResult')}
                      {t('common.colon')}
                    </strong>
                    {p.closeResult}
                  </div>
                ) : null}
              </Card>
            ))}
          </div>
        </section>
      ) : null}

      <footer className="board-section board-footer">
        <div className="board-feedback">
          <h2>{t('board.feedback.title')}</h2>
          {board.community.feedbackChannel ? (
            <p>
              {t('board.feedback.text')}
              <br />
              <strong>{responsible}</strong> {board.community.feedbackChannel}
            </p>
          ) : (
            <p>{t('board.feedback.none')}</p>
          )}
          <p className="board-muted">
            {t('board.dataDate')}
            {t('common.colon')}
            {board.dataDate}
          </p>
        </div>
        {/* on paper a notice ends with who posts it and when, with room for its seal */}
        <div className="board-signature" data-testid="board-signature">
          <div>
            {responsible}
            {t('board.signature.stamp')}
          </div>
          <div>{t('board.signature.date', dateParts(shanghaiToday()))}</div>
        </div>
        {here ? (
          <figure className="board-qr">
            <QRCode value={here} size={120} bordered={false} aria-label={t('board.qr.title')} />
            <figcaption className="board-muted">{t('board.qr.hint')}</figcaption>
          </figure>
        ) : null}
      </footer>
    </div>
  );
}

/** A date's parts for a notice's closing line: 2026年12月7日 (no leading zeros in Chinese), 2026-12-07 in English. */
function dateParts(date: string) {
  const [year = '', mm = '', dd = ''] = date.split('-');
  return { year, mm, dd, month: String(Number(mm)), day: String(Number(dd)) };
}
