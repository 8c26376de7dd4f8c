import { PlusOutlined } from '@ant-design/icons';
import type { Agreement } from '@gongfu/contract';
import { AGREEMENT_TERMS_LABELS } from '@gongfu/domain';
import { Button, Checkbox, Flex, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResponsiveTable } from '../../../components/responsive-table';
import { label, yuanText } from '../../funds/format';
import { QueryState } from '../../kpis/components/query-state';
import { useCommunityNames, useRegisterScope } from '../access';
import { useAgreements } from '../api/register';
import { expiryOf, notApplicable, shareText } from '../format';
import { type AgreementsSearch, EXPIRING_WITHIN_DAYS } from '../search';
import { AgreementDrawer } from './agreement-drawer';
import { CommunityFilter, matches, pagination, RegisterFrame, SearchBox } from './register-frame';

/** The expiry reminder of one agreement: ending within 90 days (red within 30), or ended. */
export function ExpiryTag({ agreement }: { agreement: Pick<Agreement, 'startsOn' | 'endsOn'> }) {
  const { t } = useTranslation();
  const state = expiryOf(agreement, EXPIRING_WITHIN_DAYS);
  switch (state.kind) {
    case 'ended':
      return <Tag>{t('register.agreement.ended')}</Tag>;
    case 'expiring':
      return (
        <Tag color={state.days <= 30 ? 'red' : 'orange'}>
          {state.days === 0
            ? t('register.agreement.expiresToday')
            : t('register.agreement.expiresIn', { count: state.days })}
        </Tag>
      );
    case 'not_started':
      return <Tag color="blue">{t('register.agreement.notStarted')}</Tag>;
    default:
      return <Tag color="green">{t('register.agreement.running')}</Tag>;
  }
}

/** A term the agreement does not have (a fixed fee's share, a profit split's fee): 不适用, muted, not 0.00%. */
function NotApplicable() {
  const { t } = useTranslation();
  return <Typography.Text type="secondary">{t('register.agreement.notApplicable')}</Typography.Text>;
}

/**
 * A long column title that wraps (the English "Guaranteed remittance (yuan/month)"): the table is as wide as its
 * content, and at 1440 px the last column ran past the card's edge.
 */
function HeaderWraps({ children }: { children: string }) {
  return <span style={{ display: 'inline-block', maxWidth: '9em', whiteSpace: 'normal' }}>{children}</span>;
}

/** 运营协议: term, terms, the guaranteed monthly remittance, and a reminder for those ending within 90 days. */
export function AgreementsPage({
  search,
  onSearch,
}: {
  search: AgreementsSearch;
  onSearch: (next: AgreementsSearch) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const scope = useRegisterScope(search.communityId);
  const listParams = {
    communityId: scope.listCommunityId,
    expiringWithinDays: search.expiring ? EXPIRING_WITHIN_DAYS : undefined,
  };
  const agreements = useAgreements(listParams);
  // an operator partner runs ventures in several communities: each row says which (its partner column is itself)
  const partner = Boolean(scope.membership?.partnerId);
  const showsCommunity = scope.choosesCommunity || partner;
  const names = useCommunityNames(showsCommunity);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const mayCreate = scope.may('agreement:create');
  const mayEdit = scope.may('agreement:update');
  const filtered = Boolean(search.q || search.expiring);
  const change = (patch: Partial<AgreementsSearch>) => onSearch({ ...search, page: undefined, ...patch });

  const rows = useMemo(
    () =>
      [...(agreements.data?.items ?? [])]
        .filter((a) => matches(search.q, a.ventureName, a.partnerName))
        // the soonest to end first: the reminders are on top
        .sort((a, b) => a.endsOn.localeCompare(b.endsOn)),
    [agreements.data, search.q],
  );
  const editingAgreement = agreements.data?.items.find((a) => a.id === editing);

  const columns: TableColumnsType<Agreement> = [
    { title: t('register.agreement.field.venture'), dataIndex: 'ventureName' },
    ...(showsCommunity
      ? [
          {
            title: t('register.common.community'),
            key: 'community',
            render: (_: unknown, a: Agreement) => names.get(a.communityId) ?? '—',
          },
        ]
      : []),
    ...(partner ? [] : [{ title: t('register.agreement.field.partner'), dataIndex: 'partnerName' }]),
    {
      title: t('register.agreement.field.term'),
      key: 'term',
      render: (_, a) => (
        <Flex vertical gap={2}>
          <span>
            {a.startsOn} ~ {a.endsOn}
          </span>
        </Flex>
      ),
    },
    {
      title: t('register.agreement.field.reminder'),
      key: 'reminder',
      render: (_, a) => <ExpiryTag agreement={a} />,
    },
    {
      title: t('register.agreement.field.terms'),
      dataIndex: 'terms',
      render: (k: Agreement['terms']) => label(AGREEMENT_TERMS_LABELS[k], language),
    },
    {
      title: <HeaderWraps>{t('register.agreement.field.operatorShare')}</HeaderWraps>,
      dataIndex: 'operatorShareBp',
      align: 'right',
      render: (bp: number, a) => (notApplicable(a, 'share', bp) ? <NotApplicable /> : shareText(bp)),
    },
    {
      title: <HeaderWraps>{t('register.agreement.field.fee')}</HeaderWraps>,
      dataIndex: 'feeFen',
      align: 'right',
      render: (fen: number, a) => (notApplicable(a, 'fee', fen) ? <NotApplicable /> : yuanText(fen, t)),
    },
    {
      title: <HeaderWraps>{t('register.agreement.field.guaranteed')}</HeaderWraps>,
      dataIndex: 'guaranteedMinRemittanceFen',
      align: 'right',
      render: (fen: number) => yuanText(fen, t),
    },
    ...(mayEdit
      ? [
          {
            title: t('register.common.actions'),
            key: 'actions',
            render: (_: unknown, a: Agreement) => (
              <Button
                type="link"
                size="small"
                aria-label={`${t('register.common.edit')} ${a.ventureName}`}
                onClick={() => setEditing(a.id)}
              >
                {t('register.common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <RegisterFrame
      section="agreements"
      title={t('register.agreement.title')}
      readOnly={scope.choosesCommunity}
      exportParams={listParams}
      communityId={scope.communityId}
      create={
        mayCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('register.agreement.create.open')}
          </Button>
        ) : null
      }
      filters={
        <>
          {scope.choosesCommunity ? (
            <CommunityFilter
              value={scope.communityId}
              onChange={(communityId) => onSearch({ ...search, communityId, page: undefined })}
            />
          ) : null}
          <SearchBox
            value={search.q}
            placeholder={t('register.agreement.searchPlaceholder')}
            onSearch={(q) => change({ q })}
          />
          <Checkbox
            checked={search.expiring === true}
            onChange={(e) => change({ expiring: e.target.checked ? true : undefined })}
          >
            {t('register.agreement.expiringFilter')}
          </Checkbox>
          {filtered ? (
            <Button onClick={() => onSearch(search.communityId ? { communityId: search.communityId } : {})}>
              {t('register.common.clear')}
            </Button>
          ) : null}
        </>
      }
    >
      <QueryState query={agreements} rows={6} emptyText="">
        {() => (
          <>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('register.common.total', { count: rows.length })}
            </Typography.Paragraph>
            <ResponsiveTable<Agreement>
              columns={columns}
              dataSource={rows}
              pagination={pagination(rows.length, search.page, (page) => onSearch({ ...search, page }))}
              emptyText={
                search.expiring
                  ? t('register.agreement.emptyExpiring')
                  : filtered
                    ? t('register.common.emptyFiltered')
                    : t('register.agreement.empty')
              }
            />
          </>
        )}
      </QueryState>
      {mayCreate ? <AgreementDrawer open={creating} onClose={() => setCreating(false)} /> : null}
      {mayEdit && editingAgreement ? (
        <AgreementDrawer
          open
          agreement={editingAgreement}
          onClose={() => setEditing(null)}
          onReload={() => void agreements.refetch()}
        />
      ) : null}
    </RegisterFrame>
  );
}
