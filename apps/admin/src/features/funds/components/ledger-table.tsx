import type { LedgerEntry } from '@gongfu/contract';
import {
  formatYuan,
  LEDGER_ENTRY_KIND_LABELS,
  LEDGER_ENTRY_KINDS,
  type LedgerEntryKind,
  type LedgerSourceType,
} from '@gongfu/domain';
import { Link } from '@tanstack/react-router';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Grid,
  List,
  Row,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../kpis/components/query-state';
import { useLedgerPage } from '../api/funds';
import { label, yuanText } from '../format';
import { keepDatesWhole } from '../keep-dates-whole';
import { bookedOn, type LedgerFilter } from '../ledger';

export const LEDGER_PAGE_SIZE = 20;

const KIND_COLOR: Record<LedgerEntryKind, string> = {
  allocation: 'blue',
  donation: 'green',
  grant: 'cyan',
  expenditure: 'orange',
  reversal: 'default',
};

export interface LedgerTableProps {
  fundId: string;
  filter: LedgerFilter;
  page: number;
  onFilter: (patch: LedgerFilter & { page?: number | undefined }) => void;
  /** proposal id → title, for the payouts' summary */
  proposalTitles: ReadonlyMap<string, string>;
  /** entry id → entry, for a reversal's summary (the whole ledger, when loaded) */
  entriesById: ReadonlyMap<string, LedgerEntry>;
}

/**
 * A fund's journal (日记账), newest first, one row per entry with its in or out amount (to the fen) and the
 * fund's balance right after it. The API filters (kind, booking days) and pages it; filters and page are in
 * the URL; the totals are the API's over every page of the filter, with the balance before and after.
 */
export function LedgerTable({
  fundId,
  filter,
  page,
  onFilter,
  proposalTitles,
  entriesById,
}: LedgerTableProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const screens = Grid.useBreakpoint();
  const kindId = useId();
  const daysId = useId();
  const ledger = useLedgerPage(fundId, { ...filter, page, pageSize: LEDGER_PAGE_SIZE });
  const filtered = Boolean(filter.kind || filter.from || filter.to);
  const pageById = useMemo(() => new Map((ledger.data?.items ?? []).map((e) => [e.id, e])), [ledger.data]);

  const summaryOf = (entry: LedgerEntry): ReactNode => {
    if (entry.kind === 'expenditure' && entry.proposalId) {
      const title = proposalTitles.get(entry.proposalId) ?? t('funds.ledger.proposal');
      return (
        <>
          {t('funds.ledger.payoutFor')}
          <Link to="/proposals/$proposalId" params={{ proposalId: entry.proposalId }}>
            {title}
          </Link>
          {entry.memo && !entry.memo.includes(title) ? keepDatesWhole(` · ${entry.memo}`) : ''}
        </>
      );
    }
    if (entry.kind === 'reversal' && entry.reversesEntryId) {
      const original = entriesById.get(entry.reversesEntryId) ?? pageById.get(entry.reversesEntryId);
      return `${t('funds.ledger.reverses', {
        date: original ? bookedOn(original) : '—',
        amount: original ? formatYuan(original.amountFen, { grouping: true }) : '—',
      })}${entry.memo ? ` · ${entry.memo}` : ''}`;
    }
    if (entry.sourceType === ('pledge_fulfilment' satisfies LedgerSourceType)) {
      return `${t('funds.ledger.pledgeDonation')}${entry.memo ? ` · ${entry.memo}` : ''}`;
    }
    // an approved report's postings
    if (entry.sourceType === ('monthly_report' satisfies LedgerSourceType))
      return entry.memo ? t('funds.ledger.allocationOf', { memo: entry.memo }) : t('funds.ledger.fromReport');
    return entry.memo ?? '';
  };

  // a memo's month or a reversal's day stays on one line (on a phone "2026-07" wrapped as "2026-" / "07")
  const summary = (entry: LedgerEntry): ReactNode => {
    const words = summaryOf(entry);
    return typeof words === 'string' ? keepDatesWhole(words) : words;
  };

  // a payout typed in days after its money left: the board lists it by that day, so the ledger names it too
  const paidOnNote = (e: LedgerEntry): ReactNode =>
    e.paidOn && e.paidOn !== bookedOn(e) ? (
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        {t('funds.ledger.paidOn', { date: e.paidOn })}
      </Typography.Text>
    ) : null;

  const kindTag = (e: LedgerEntry) => (
    <Flex gap={4} wrap>
      <Tag color={KIND_COLOR[e.kind]}>{label(LEDGER_ENTRY_KIND_LABELS[e.kind], language)}</Tag>
      {e.reversedByEntryId ? <Tag>{t('funds.ledger.reversed')}</Tag> : null}
    </Flex>
  );

  const columns: TableColumnsType<LedgerEntry> = [
    {
      title: t('funds.ledger.date'),
      key: 'date',
      render: (_, e) => (
        <Flex vertical>
          <span style={{ whiteSpace: 'nowrap' }}>{bookedOn(e)}</span>
          {paidOnNote(e)}
        </Flex>
      ),
      width: 110,
    },
    {
      title: t('funds.ledger.month'),
      dataIndex: 'month',
      render: (month: string) => <span style={{ whiteSpace: 'nowrap' }}>{month}</span>,
      width: 90,
    },
    { title: t('funds.ledger.kind'), dataIndex: 'kind', render: (_, e) => kindTag(e) },
    {
      title: t('funds.ledger.summary'),
      key: 'summary',
      width: 320,
      render: (_, e) => <div style={{ minWidth: 200, whiteSpace: 'normal' }}>{summary(e)}</div>,
    },
    {
      title: t('funds.ledger.in'),
      key: 'in',
      align: 'right',
      render: (_, e) => (e.direction === 1 ? formatYuan(e.amountFen, { grouping: true }) : ''),
    },
    {
      title: t('funds.ledger.out'),
      key: 'out',
      align: 'right',
      render: (_, e) => (e.direction === -1 ? formatYuan(e.amountFen, { grouping: true }) : ''),
    },
    {
      title: t('funds.ledger.balance'),
      dataIndex: 'balanceAfterFen',
      align: 'right',
      render: (fen: number) => (
        <Typography.Text strong>{formatYuan(fen, { grouping: true })}</Typography.Text>
      ),
    },
  ];

  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null =
    filter.from || filter.to
      ? [filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null]
      : null;
  const total = ledger.data?.total ?? 0;
  const pagination =
    total > LEDGER_PAGE_SIZE
      ? {
          current: page,
          total,
          pageSize: LEDGER_PAGE_SIZE,
          showSizeChanger: false,
          onChange: (next: number) => onFilter({ ...filter, page: next > 1 ? next : undefined }),
        }
      : (false as const);
  const empty = filtered ? t('funds.ledger.emptyFiltered') : t('funds.ledger.empty');

  return (
    <Card title={t('funds.ledger.title')}>
      <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
        <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
          <label htmlFor={kindId}>{t('funds.ledger.kind')}</label>
          <Select<LedgerEntryKind | 'all'>
            id={kindId}
            value={filter.kind ?? 'all'}
            style={{ width: 160 }}
            onChange={(kind) =>
              onFilter({ ...filter, kind: kind === 'all' ? undefined : kind, page: undefined })
            }
            options={[
              { value: 'all', label: t('funds.ledger.allKinds') },
              ...LEDGER_ENTRY_KINDS.map((k) => ({
                value: k,
                label: label(LEDGER_ENTRY_KIND_LABELS[k], language),
              })),
            ]}
          />
        </span>
        <span
          style={{ display: 'inline-flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', maxWidth: '100%' }}
        >
          <label htmlFor={daysId}>{t('funds.ledger.days')}</label>
          <DatePicker.RangePicker
            id={{ start: daysId }}
            value={range}
            allowEmpty={[true, true]}
            style={{ maxWidth: '100%' }}
            placeholder={[t('funds.ledger.fromDay'), t('funds.ledger.toDay')]}
            onChange={(value) =>
              onFilter({
                ...filter,
                from: value?.[0]?.format('YYYY-MM-DD') ?? undefined,
                to: value?.[1]?.format('YYYY-MM-DD') ?? undefined,
                page: undefined,
              })
            }
          />
        </span>
        {filtered ? (
          <Button onClick={() => onFilter({ page: undefined })}>{t('funds.ledger.clear')}</Button>
        ) : null}
      </Flex>
      <QueryState query={ledger} rows={8} emptyText={empty}>
        {(data) => (
          <>
            <Row
              gutter={[16, 8]}
              style={{ marginBottom: 16 }}
              role="group"
              aria-label={t('funds.ledger.totals')}
            >
              {[
                { key: 'in', title: t('funds.ledger.totalIn'), fen: data.totals.inflowFen },
                { key: 'out', title: t('funds.ledger.totalOut'), fen: data.totals.outflowFen },
                { key: 'net', title: t('funds.ledger.net'), fen: data.totals.netFen },
                ...(filter.from || filter.to
                  ? [
                      {
                        key: 'opening',
                        title: t('funds.ledger.opening'),
                        fen: data.totals.openingBalanceFen,
                      },
                      {
                        key: 'closing',
                        title: t('funds.ledger.closing'),
                        fen: data.totals.closingBalanceFen,
                      },
                    ]
                  : []),
              ].map((item) => (
                <Col key={item.key} xs={12} md={8} xl={4}>
                  <Typography.Text type="secondary" style={{ display: 'block' }}>
                    {item.title}
                  </Typography.Text>
                  <Typography.Text strong style={{ fontSize: screens.md ? 20 : 16 }}>
                    {yuanText(item.fen, t)}
                  </Typography.Text>
                </Col>
              ))}
            </Row>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('funds.ledger.count', { count: data.total })}
            </Typography.Paragraph>
            {screens.md === false ? (
              <List<LedgerEntry>
                dataSource={data.items}
                rowKey="id"
                locale={{ emptyText: empty }}
                pagination={pagination === false ? false : { ...pagination, size: 'small', align: 'center' }}
                renderItem={(e) => (
                  <List.Item>
                    <Flex vertical gap={2} style={{ width: '100%' }}>
                      <Flex justify="space-between" gap={8}>
                        <Flex gap={6} align="center" wrap>
                          <span style={{ whiteSpace: 'nowrap' }}>{bookedOn(e)}</span>
                          {kindTag(e)}
                          {paidOnNote(e)}
                        </Flex>
                        <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                          {e.direction === 1 ? '+' : '−'}
                          {formatYuan(e.amountFen, { grouping: true })}
                        </Typography.Text>
                      </Flex>
                      <Flex justify="space-between" gap={8}>
                        <Typography.Text type="secondary" style={{ minWidth: 0 }}>
                          {summary(e)}
                        </Typography.Text>
                        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                          {t('funds.ledger.balanceShort')} {formatYuan(e.balanceAfterFen, { grouping: true })}
                        </Typography.Text>
                      </Flex>
                    </Flex>
                  </List.Item>
                )}
              />
            ) : (
              <Table<LedgerEntry>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={data.items}
                scroll={{ x: 'max-content' }}
                pagination={pagination}
                locale={{ emptyText: empty }}
              />
            )}
          </>
        )}
      </QueryState>
    </Card>
  );
}
