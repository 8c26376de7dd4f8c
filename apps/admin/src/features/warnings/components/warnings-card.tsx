import { ArrowRightOutlined } from '@ant-design/icons';
import { WARNING_KIND_LABELS } from '@gongfu/domain';
import { Link } from '@tanstack/react-router';
import { Card, Empty, Flex, List, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { label } from '../../funds/format';
import { QueryState } from '../../kpis/components/query-state';
import { useWarnings } from '../api/warnings';
import { headlineOf, subjectName } from '../facts';
import { useConditionTexts } from './condition-age';
import { SeverityTag } from './severity-tag';

/** The open red warnings the card lists first. */
const TOP = 5;

/**
 * The cockpit's warnings: open red and amber counts, each a link to the warnings page filtered so, and the first
 * red ones, each a link to its community's warnings.
 */
export function WarningsCard() {
  const { t, i18n } = useTranslation();
  const red = useWarnings({ status: 'open', severity: 'red', limit: TOP });
  const amber = useWarnings({ status: 'open', severity: 'amber', limit: 1 });
  const conditionTexts = useConditionTexts();
  return (
    <Card
      title={t('oversight.cockpit.title')}
      size="small"
      extra={
        <Link to="/warnings">
          {t('oversight.cockpit.viewAll')} <ArrowRightOutlined />
        </Link>
      }
    >
      <QueryState query={red} rows={2} emptyText="">
        {(reds) => (
          <Flex vertical gap={12}>
            <Flex gap={32} wrap>
              <Link
                to="/warnings"
                search={{ severity: 'red' }}
                aria-label={`${t('oversight.cockpit.viewRed')}${t('common.colon')}${reds.total}`}
              >
                <Statistic
                  title={`${t('oversight.cockpit.open')} · ${t('oversight.cockpit.red')}`}
                  value={reds.total}
                  styles={{ content: { color: reds.total > 0 ? '#cf1322' : undefined } }}
                />
              </Link>
              <Link
                to="/warnings"
                search={{ severity: 'amber' }}
                aria-label={`${t('oversight.cockpit.viewAmber')}${t('common.colon')}${amber.data?.total ?? '—'}`}
              >
                <Statistic
                  title={`${t('oversight.cockpit.open')} · ${t('oversight.cockpit.amber')}`}
                  value={amber.data?.total ?? '—'}
                  loading={amber.isPending}
                  styles={{ content: { color: (amber.data?.total ?? 0) > 0 ? '#d48806' : undefined } }}
                />
              </Link>
            </Flex>
            {reds.total === 0 && (amber.data?.total ?? 0) === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('oversight.cockpit.none')} />
            ) : reds.items.length > 0 ? (
              <div>
                <Typography.Text type="secondary">{t('oversight.cockpit.top')}</Typography.Text>
                <List
                  size="small"
                  dataSource={reds.items}
                  renderItem={(w) => {
                    const subject = subjectName(w);
                    const headline = headlineOf(w);
                    const condition = conditionTexts(w);
                    return (
                      <List.Item key={w.id}>
                        <Flex gap={8} wrap align="center">
                          <SeverityTag severity={w.severity} />
                          <Link to="/warnings" search={{ severity: 'red', communityId: w.communityId }}>
                            {w.communityName ?? '—'}
                          </Link>
                          <span>
                            {label(WARNING_KIND_LABELS[w.kind], i18n.language)}
                            {headline
                              ? ` · ${t(`oversight.cockpit.headline.${headline.key}`, headline.values)}`
                              : ''}
                          </span>
                          {subject ? <Typography.Text type="secondary">{subject}</Typography.Text> : null}
                          <Typography.Text type="secondary">
                            {t('oversight.cockpit.openFor', { age: condition.age, since: condition.since })}
                          </Typography.Text>
                        </Flex>
                      </List.Item>
                    );
                  }}
                />
              </div>
            ) : null}
          </Flex>
        )}
      </QueryState>
    </Card>
  );
}
