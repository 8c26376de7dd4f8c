import { FUND_KIND_LABELS, type FundKind, formatYuan, isFundKind } from '@gongfu/domain';
import { List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../../../lib/i18n';

export interface PostingLine {
  fundKind: string;
  fundName?: string | null;
  direction: 1 | -1;
  amountFen: number;
}

/** Money booked (or to be booked) into the community's funds, per fund, exact to the fen. */
export function PostingsList({
  postings,
  emptyText,
  withTotal = false,
}: {
  postings: readonly PostingLine[];
  emptyText: string;
  /** a last line with the sum and what it is, where no calculation stands above the list (a posted report) */
  withTotal?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = localeOf(i18n.language);
  const nameOf = (p: PostingLine) =>
    isFundKind(p.fundKind) ? FUND_KIND_LABELS[p.fundKind as FundKind][language] : (p.fundName ?? p.fundKind);
  if (postings.length === 0) return <Typography.Text type="secondary">{emptyText}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={[...postings]}
      footer={
        withTotal && postings.length > 1 ? (
          <Typography.Text type="secondary">
            {t('reports.postingsTotal', {
              amount: formatYuan(
                postings.reduce((sum, p) => sum + p.direction * p.amountFen, 0),
                { grouping: true },
              ),
            })}
          </Typography.Text>
        ) : undefined
      }
      renderItem={(p) => (
        <List.Item>
          <span>{nameOf(p)}</span>
          <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
            {p.direction === -1 ? '−' : '+'}
            {formatYuan(p.amountFen, { grouping: true })} {language === 'en' ? 'yuan' : '元'}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}
