import type { KpiKey, KpiTarget, KpiTargetChange, KpiTargetKpi, KpiTargetList } from '@gongfu/contract';
import { Link } from '@tanstack/react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Grid,
  Input,
  Segmented,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tooltip,
  Typography,
  theme,
} from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FooterToolbar } from '../../../components/footer-toolbar';
import { PageContainer } from '../../../components/page-container';
import { ResponsiveTable } from '../../../components/responsive-table';
import { shanghaiDayOfInstant, shanghaiThisYear } from '../../../lib/shanghai-time';
import { useActiveMembership } from '../../auth/api/get-me';
import { readsKpis } from '../../kpis/access';
import { KpiNoAccess } from '../../kpis/components/kpi-cockpit-page';
import { QueryState } from '../../kpis/components/query-state';
import { formatKpiText, formatKpiValue, localized } from '../../kpis/format';
import { useKpiTargets, useSaveKpiTargets } from '../api/kpi-targets';
import {
  checkAgainstLastYear,
  FAR_FROM_LAST_YEAR,
  inputToTarget,
  parseTarget,
  type TargetCheck,
  targetAsKpiValue,
  targetToInput,
} from '../target-values';

export type TargetsView = 'owner' | 'kpi';
export interface KpiTargetsSearch {
  year?: number | undefined;
  view?: TargetsView | undefined;
  owner?: string | undefined;
  kpi?: string | undefined;
}

/** The district's own targets, in the owner select and the rows. */
const DISTRICT = 'district';
const cellKey = (owner: string, kpi: string) => `${owner}|${kpi}`;

type ValidDraft = { id: string; invalid: false; change: KpiTargetChange };
type Draft = { id: string; invalid: true } | ValidDraft;

interface Row {
  id: string;
  owner: string;
  ownerName: string;
  kpi: KpiTargetKpi;
  stored: KpiTarget | undefined;
}

/**
 * 年度指标目标: a year's targets per KPI, for the district and each community — edited one owner at a time (its KPIs)
 * or one KPI at a time (the district and every community), saved together in one all-or-nothing request.
 */
export function KpiTargetsPage({
  search,
  onChange,
}: {
  search: KpiTargetsSearch;
  onChange: (patch: KpiTargetsSearch) => void;
}) {
  const membership = useActiveMembership();
  if (!readsKpis(membership) || membership?.partnerId) return <KpiNoAccess />;
  return <TargetsEditor search={search} onChange={onChange} />;
}

function TargetsEditor({
  search,
  onChange,
}: {
  search: KpiTargetsSearch;
  onChange: (patch: KpiTargetsSearch) => void;
}) {
  const { t } = useTranslation();
  const membership = useActiveMembership();
  const thisYear = shanghaiThisYear();
  const year = search.year ?? thisYear;
  const query = useKpiTargets(year);
  const scope = membership?.communityName ?? membership?.districtName ?? '';
  const years = [...new Set([thisYear - 1, thisYear, thisYear + 1, year])].sort();

  return (
    <PageContainer
      title={t('targets.title')}
      subTitle={t('targets.subtitle', { scope, year })}
      extra={
        <Flex gap={8} align="center" wrap>
          <Select<number>
            aria-label={t('targets.year')}
            value={year}
            onChange={(next) => onChange({ year: next })}
            options={years.map((y) => ({ value: y, label: t('targets.yearOption', { year: y }) }))}
            style={{ width: 110 }}
          />
          <Link to="/kpis">
            <Button>{t('targets.openCockpit')}</Button>
          </Link>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t('targets.intro')}</Typography.Paragraph>
      <QueryState query={query} rows={8} emptyText={t('targets.notSet')} isEmpty={() => false}>
        {(list) => <TargetsTable key={list.year} list={list} search={search} onChange={onChange} />}
      </QueryState>
    </PageContainer>
  );
}

function TargetsTable({
  list,
  search,
  onChange,
}: {
  list: KpiTargetList;
  search: KpiTargetsSearch;
  onChange: (patch: KpiTargetsSearch) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const language = i18n.language;
  const phone = Grid.useBreakpoint().md === false;
  const save = useSaveKpiTargets();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [staleNotice, setStaleNotice] = useState(false);
  const [filter, setFilter] = useState('');

  const communityOnly = list.communities.length === 1 && !list.editable;
  const view: TargetsView = search.view ?? 'owner';
  const owners = useMemo(
    () => [
      { id: DISTRICT, name: t('targets.district') },
      ...list.communities.map((c) => ({ id: c.communityId, name: c.name })),
    ],
    [list.communities, t],
  );
  const owner = owners.some((o) => o.id === search.owner)
    ? (search.owner as string)
    : communityOnly
      ? (list.communities[0]?.communityId ?? DISTRICT)
      : DISTRICT;
  const kpi = list.kpis.find((k) => k.key === search.kpi) ?? list.kpis[0];

  const stored = useMemo(
    () => new Map(list.targets.map((x) => [cellKey(x.communityId ?? DISTRICT, x.kpi), x])),
    [list.targets],
  );
  const lastYear = useMemo(
    () => new Map(list.lastYear.actuals.map((a) => [cellKey(a.communityId ?? DISTRICT, a.kpi), a.value])),
    [list.lastYear.actuals],
  );
  // how many months of last year its actuals cover (12 once the year is complete; 0 when none of it is due)
  const { through } = list.lastYear;
  const lastYearMonths = through ? Number(through.slice(5, 7)) : 0;
  const lastYearOf = (row: Row) => lastYear.get(row.id) ?? null;

  const rows: Row[] = useMemo(() => {
    const ownerName = (id: string) => owners.find((o) => o.id === id)?.name ?? id;
    if (view === 'owner') {
      return list.kpis.map((k) => ({
        id: cellKey(owner, k.key),
        owner,
        ownerName: ownerName(owner),
        kpi: k,
        stored: stored.get(cellKey(owner, k.key)),
      }));
    }
    if (!kpi) return [];
    const needle = filter.trim();
    return owners
      .filter((o) => !needle || o.id === DISTRICT || o.name.includes(needle))
      .map((o) => ({
        id: cellKey(o.id, kpi.key),
        owner: o.id,
        ownerName: o.name,
        kpi,
        stored: stored.get(cellKey(o.id, kpi.key)),
      }));
  }, [view, list.kpis, owner, owners, kpi, stored, filter]);

  const textOf = (row: Row) =>
    drafts[row.id] ?? (row.stored ? targetToInput(row.kpi.unit, row.stored.value) : '');
  const kpiOf = (key: string) => list.kpis.find((x) => x.key === key);
  /** A field's name wherever it is read out of its row (an error message, the confirmation): 金汇社区 · 经营收入. */
  const fieldName = (id: string) => {
    const [ownerId, key] = id.split('|') as [string, string];
    const k = kpiOf(key);
    const name = owners.find((o) => o.id === ownerId)?.name ?? ownerId;
    return k ? `${name} · ${localized(k.definition.name, language)}` : name;
  };
  // an aid to whoever types the targets; a read-only reader could act on it only by asking them
  const checkFor = (id: string, k: KpiTargetKpi, value: number | null | undefined): TargetCheck | null =>
    list.editable ? checkAgainstLastYear(k, value, lastYear.get(id) ?? null, lastYearMonths) : null;
  const checkOf = (row: Row) => checkFor(row.id, row.kpi, inputToTarget(row.kpi.unit, textOf(row)));
  /** What is wrong with a typed target, naming its field; null when it is a target (or empty: none). */
  const errorOf = (id: string, k: KpiTargetKpi, text: string): string | null => {
    const parsed = parseTarget(k.unit, text);
    const field = fieldName(id);
    if (!parsed.ok) {
      if (parsed.reason === 'precision') return t(`targets.error.precision.${k.unit}`, { field });
      return t('targets.error.number', { field, unit: unitText(k) });
    }
    const { value } = parsed;
    if (value === null || (value >= k.min && value <= k.max)) return null;
    const show = (v: number) => typedText(k, v);
    // the least amount is a fen: "0.000001 万元" says less than "above 0"
    return k.min === 1 && k.unit !== 'count'
      ? t('targets.error.positive', { field, max: show(k.max) })
      : t('targets.error.range', { field, min: show(k.min), max: show(k.max) });
  };
  const localError = (row: Row): string | null => {
    const text = drafts[row.id];
    return text === undefined ? null : errorOf(row.id, row.kpi, text);
  };
  /** A target as typed, with its unit: 3000 万元, 95.5%, 12 个. */
  const typedText = (k: KpiTargetKpi, value: number) => {
    // grouped for reading (10,000 万元), the decimals as typed
    const text = targetToInput(k.unit, value).replace(/^\d+/, (whole) =>
      whole.replace(/\B(?=(\d{3})+$)/g, ','),
    );
    return k.unit === 'bp' ? `${text}%` : `${text} ${unitText(k)}`;
  };
  const unitText = (k: KpiTargetKpi) =>
    k.unit === 'fen'
      ? t('kpi.unit.wan')
      : k.unit === 'bp'
        ? t('targets.unit.percent')
        : t(`kpi.unit.${k.definition.unit}` as 'kpi.unit.jobs');

  // what differs from the stored value, as the API's changes (in every view: a draft stays when the view changes)
  const changes = Object.entries(drafts).flatMap(([id, text]): Draft[] => {
    const [ownerId, key] = id.split('|') as [string, KpiKey];
    const k = kpiOf(key);
    if (!k) return [];
    const value = inputToTarget(k.unit, text);
    const before = stored.get(id);
    if (value === undefined || errorOf(id, k, text)) return [{ id, invalid: true }];
    if ((before?.value ?? null) === value) return [];
    return [
      {
        id,
        invalid: false,
        change: {
          communityId: ownerId === DISTRICT ? null : ownerId,
          kpi: key,
          value,
          ...(before ? { version: before.version } : {}),
        },
      },
    ];
  });
  const dirty = changes.length;

  const send = (valid: ValidDraft[]) => {
    const ids = valid.map((c) => c.id);
    save.mutate(
      { year: list.year, changes: valid.map((c) => c.change) },
      {
        onSuccess: () => {
          // the answer is the year's targets as stored now: the fields show them again
          setDrafts({});
          setServerErrors({});
          setStaleNotice(false);
          void message.success(t('targets.saved', { count: valid.length }));
        },
        onError: (error) => {
          if (error.status === 409) {
            setStaleNotice(true);
            setDrafts({});
            return;
          }
          // the API names each refused change by its index: put its message on that field
          const byCell: Record<string, string> = {};
          for (const [field, text] of Object.entries(error.fields)) {
            const index = Number(field.split('.')[1]);
            const id = ids[index];
            if (id) byCell[id] = text;
          }
          setServerErrors(byCell);
          void message.error(error.message);
        },
      },
    );
  };

  const onSave = () => {
    const invalid = changes.filter((c) => c.invalid).map((c) => fieldName(c.id));
    if (invalid.length > 0) {
      void message.error(
        t('targets.invalid', { count: invalid.length, fields: invalid.join(t('targets.and')) }),
      );
      return;
    }
    const valid = changes.filter((c): c is ValidDraft => !c.invalid);
    if (valid.length === 0) {
      void message.info(t('targets.nothingChanged'));
      return;
    }
    // the targets far from last year's actual (the warnings under the fields): saved only once confirmed
    const far = valid.flatMap((c): FarTarget[] => {
      const k = kpiOf(c.change.kpi);
      const check = k ? checkFor(c.id, k, c.change.value) : null;
      if (!k || !check || c.change.value === null) return [];
      return [
        {
          id: c.id,
          name: fieldName(c.id),
          lastYear: `${referenceText(k, check.reference)}${'pace' in check && check.pace ? t('targets.confirm.pace') : ''}`,
          target: readsAsTyped(k) ? typedText(k, c.change.value) : referenceText(k, c.change.value),
          ratio: timesText(check.ratio),
        },
      ];
    });
    if (far.length === 0) {
      send(valid);
      return;
    }
    void modal.confirm({
      title: t('targets.confirm.title', { count: far.length }),
      content: <FarTargets items={far} phone={phone} />,
      okText: t('targets.confirm.ok'),
      cancelText: t('targets.confirm.cancel'),
      width: phone ? undefined : 640,
      onOk: () => send(valid),
    });
  };

  /** Last year's actual (or its full-year pace) as the column shows it: amounts in 万元, beside the typed 万元. */
  const referenceText = (k: KpiTargetKpi, value: number) =>
    formatKpiText(
      k.definition.unit,
      targetAsKpiValue(k.unit, Math.round(value)),
      language,
      t,
      k.unit === 'fen' ? 'wan' : undefined,
    );
  /**
   * Whether a target reads in the column's own unit as typed. English has no 万: its amounts read in yuan
   * ("28,500,000 yuan") while the field takes 10k yuan, the same figure in both languages — so there a typed amount
   * is also read back as the column reads (= 30,000,000 yuan).
   */
  const columnReadsWan = formatKpiValue('fen', 1_000_000, language, t, 'wan').unit === t('kpi.unit.wan');
  const readsAsTyped = (k: KpiTargetKpi) => k.unit !== 'fen' || columnReadsWan;
  /** target ÷ last year as a person says it: 257 倍, 7.5 倍; below last year a share of it, 11%, 3.1%, 不足 1% */
  const timesText = (ratio: number) => {
    if (ratio < 0.01) return t('targets.confirm.under');
    const locale = language === 'en' ? 'en-US' : 'zh-CN';
    if (ratio < 1)
      return t('targets.confirm.share', {
        percent: (ratio * 100).toLocaleString(locale, { maximumSignificantDigits: 2 }),
      });
    const digits = ratio >= 10 ? { maximumFractionDigits: 0 } : { maximumFractionDigits: 1 };
    return t('targets.confirm.times', { ratio: ratio.toLocaleString(locale, digits) });
  };

  const kindText = (k: KpiTargetKpi) =>
    k.kind === 'rate' && k.definition.direction === 'lower_is_better'
      ? t('targets.kind.ceiling')
      : t(`targets.kind.${k.kind}`);

  const columns: TableColumnsType<Row> = [
    view === 'owner'
      ? {
          title: t('targets.column.kpi'),
          key: 'kpi',
          render: (_: unknown, row) => (
            <Tooltip title={localized(row.kpi.definition.formula, language)}>
              <Typography.Text strong>{localized(row.kpi.definition.name, language)}</Typography.Text>
            </Tooltip>
          ),
        }
      : {
          title: t('targets.column.owner'),
          key: 'owner',
          render: (_: unknown, row) => (
            <Typography.Text strong={row.owner === DISTRICT}>{row.ownerName}</Typography.Text>
          ),
        },
    {
      title: t('targets.column.kind'),
      key: 'kind',
      render: (_: unknown, row) => <Typography.Text type="secondary">{kindText(row.kpi)}</Typography.Text>,
    },
    {
      title: t('targets.column.lastYear', { year: list.lastYear.year }),
      key: 'lastYear',
      render: (_: unknown, row) => {
        const value = lastYearOf(row);
        if (value === null)
          return (
            <Typography.Text type="secondary" data-testid="last-year">
              —
            </Typography.Text>
          );
        return (
          <Flex vertical gap={0} data-testid="last-year">
            <Typography.Text>{referenceText(row.kpi, value)}</Typography.Text>
            {lastYearMonths < 12 ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('targets.lastYear.through', { through })}
              </Typography.Text>
            ) : null}
          </Flex>
        );
      },
    },
    {
      title: t('targets.column.target'),
      key: 'target',
      render: (_: unknown, row) => {
        const error = localError(row) ?? serverErrors[row.id] ?? null;
        const label =
          view === 'owner'
            ? `${localized(row.kpi.definition.name, language)} · ${t('targets.column.target')}`
            : `${row.ownerName} · ${t('targets.column.target')}`;
        return (
          <Flex vertical gap={2} style={{ minWidth: phone ? undefined : 220 }}>
            {/* the unit inside the field: amounts in 万元, as the last-year column beside it */}
            <Space.Compact block style={{ maxWidth: 260 }}>
              <Input
                aria-label={label}
                aria-invalid={error ? true : undefined}
                status={error ? 'error' : undefined}
                inputMode="decimal"
                value={textOf(row)}
                // a KPI whose definition carries a target (deliberation coverage: 100 %) has it on the cockpit unset
                placeholder={
                  row.kpi.definition.target === null
                    ? t('targets.notSet')
                    : t('targets.notSetDefault', {
                        value: formatKpiText(row.kpi.definition.unit, row.kpi.definition.target, language, t),
                      })
                }
                disabled={!list.editable}
                onChange={(event) => {
                  const text = event.target.value;
                  setDrafts((previous) => ({ ...previous, [row.id]: text }));
                  setServerErrors(({ [row.id]: _gone, ...rest }) => rest);
                }}
              />
              <Space.Addon
                data-testid="target-unit"
                disabled={!list.editable}
                // one width for every unit, so that the fields line up
                style={{
                  minWidth: language === 'en' ? 80 : 52,
                  justifyContent: 'center',
                  textAlign: 'center',
                }}
              >
                {unitText(row.kpi)}
              </Space.Addon>
            </Space.Compact>
            {error ? (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {error}
              </Typography.Text>
            ) : (
              <>
                {readsAsTyped(row.kpi) ? null : (
                  <AmountHint
                    value={inputToTarget(row.kpi.unit, textOf(row))}
                    text={(v) => referenceText(row.kpi, v)}
                  />
                )}
                <LastYearWarning check={checkOf(row)} reference={(value) => referenceText(row.kpi, value)} />
              </>
            )}
          </Flex>
        );
      },
    },
    {
      title: t('targets.column.updated'),
      key: 'updated',
      responsive: ['lg'],
      render: (_: unknown, row) =>
        row.stored ? (
          <Typography.Text type="secondary">{shanghaiDayOfInstant(row.stored.updatedAt)}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  return (
    <Card>
      <Flex vertical gap={12}>
        {!list.editable ? <Alert type="info" showIcon title={t('targets.readOnly')} /> : null}
        {staleNotice ? <Alert type="warning" showIcon title={t('targets.stale')} /> : null}
        <Flex gap={8} wrap align="center">
          {communityOnly ? null : (
            <Segmented<TargetsView>
              aria-label={t('targets.column.owner')}
              value={view}
              onChange={(next) => onChange({ view: next })}
              options={[
                { value: 'owner', label: t('targets.view.byOwner') },
                { value: 'kpi', label: t('targets.view.byKpi') },
              ]}
            />
          )}
          {view === 'owner' ? (
            <Select<string>
              aria-label={t('targets.owner')}
              showSearch={{ optionFilterProp: 'label' }}
              value={owner}
              onChange={(next) => onChange({ owner: next })}
              options={owners.map((o) => ({ value: o.id, label: o.name }))}
              style={{ minWidth: 200 }}
            />
          ) : (
            <>
              <Select<string>
                aria-label={t('targets.kpi')}
                value={kpi?.key}
                onChange={(next) => onChange({ kpi: next })}
                options={list.kpis.map((k) => ({
                  value: k.key,
                  label: localized(k.definition.name, language),
                }))}
                style={{ minWidth: 220 }}
              />
              <Input.Search
                aria-label={t('targets.communitySearch')}
                placeholder={t('targets.communitySearch')}
                allowClear
                value={filter}
                onChange={(event) => setFilter(event.target.value)}
                style={{ width: 200 }}
              />
            </>
          )}
        </Flex>
        <ResponsiveTable<Row>
          columns={columns}
          dataSource={rows}
          emptyText={t('targets.notSet')}
          cardTitle={[view === 'owner' ? 'kpi' : 'owner']}
        />
        {list.editable ? (
          <>
            <Typography.Text type="secondary">{t('targets.clearHint')}</Typography.Text>
            {/* room under the last row for the bar fixed over it */}
            <div aria-hidden style={{ height: 48 }} />
            {/* in reach on a phone's nineteen cards as on a desk (Ant Design Pro's FooterToolbar) */}
            <FooterToolbar label={t('targets.save')}>
              <Flex gap={8} align="center" wrap justify="flex-end">
                <Typography.Text type={dirty > 0 ? undefined : 'secondary'} data-testid="changed-count">
                  {dirty > 0 ? t('targets.unsaved', { count: dirty }) : t('targets.noChanges')}
                </Typography.Text>
                <Button
                  disabled={dirty === 0}
                  onClick={() => {
                    setDrafts({});
                    setServerErrors({});
                  }}
                >
                  {t('targets.reset')}
                </Button>
                <Button type="primary" loading={save.isPending} disabled={dirty === 0} onClick={onSave}>
                  {t('targets.save')}
                </Button>
              </Flex>
            </FooterToolbar>
          </>
        ) : null}
      </Flex>
    </Card>
  );
}

interface FarTarget {
  id: string;
  name: string;
  lastYear: string;
  target: string;
  ratio: string;
}

/**
 * The confirmation's list of the targets far from last year's actual: 名称, 上年实际, 目标, 倍数 — a table on a desk,
 * one entry a target on a phone (four columns do not fit its dialog).
 */
function FarTargets({ items, phone }: { items: FarTarget[]; phone: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const intro = (
    <Typography.Text type="secondary">
      {t('targets.confirm.intro', { times: FAR_FROM_LAST_YEAR })}
    </Typography.Text>
  );
  if (phone) {
    const pair = (label: string, value: ReactNode) => (
      <span style={{ whiteSpace: 'nowrap' }}>
        <Typography.Text type="secondary">{label} </Typography.Text>
        {value}
      </span>
    );
    return (
      <Flex vertical gap={8} data-testid="far-targets">
        {intro}
        <ul style={{ margin: 0, padding: 0, listStyle: 'none' }}>
          {items.map((item) => (
            <li key={item.id} style={{ padding: '8px 0', borderTop: `1px solid ${token.colorSplit}` }}>
              <Typography.Text strong>{item.name}</Typography.Text>
              <Flex wrap gap="2px 12px">
                {pair(t('targets.confirm.lastYear'), item.lastYear)}
                {pair(t('targets.confirm.target'), item.target)}
                {pair(
                  t('targets.confirm.ratio'),
                  <Typography.Text type="warning">{item.ratio}</Typography.Text>,
                )}
              </Flex>
            </li>
          ))}
        </ul>
      </Flex>
    );
  }
  return (
    <Flex vertical gap={8} data-testid="far-targets">
      {intro}
      <Table<FarTarget>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={items}
        columns={[
          { title: t('targets.confirm.name'), dataIndex: 'name', key: 'name' },
          { title: t('targets.confirm.lastYear'), dataIndex: 'lastYear', key: 'lastYear', align: 'right' },
          { title: t('targets.confirm.target'), dataIndex: 'target', key: 'target', align: 'right' },
          {
            title: t('targets.confirm.ratio'),
            dataIndex: 'ratio',
            key: 'ratio',
            align: 'right',
            render: (ratio: string) => <Typography.Text type="warning">{ratio}</Typography.Text>,
          },
        ]}
      />
    </Flex>
  );
}

/** A typed amount read back as the last-year column reads (English: = 30,000,000 yuan for 3000 × 10k yuan). */
function AmountHint({ value, text }: { value: number | null | undefined; text: (value: number) => string }) {
  if (value === null || value === undefined) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="amount-hint">
      = {text(value)}
    </Typography.Text>
  );
}

/**
 * A target far from last year's actual (`checkAgainstLastYear`): a warning line as one types, not an error — a real
 * plan may be bold, so it may be saved once confirmed (the same check lists it in the confirmation on saving).
 */
function LastYearWarning({
  check,
  reference: referenceText,
}: {
  check: TargetCheck | null;
  reference: (value: number) => string;
}) {
  const { t, i18n } = useTranslation();
  if (!check) return null;
  const locale = i18n.language === 'en' ? 'en-US' : 'zh-CN';
  const value = referenceText(check.reference);
  let text: string;
  if (check.kind === 'fraction') text = t('targets.check.fraction', { value });
  else {
    const reference = t(check.pace ? 'targets.check.pace' : 'targets.check.lastYear');
    if (check.kind === 'above') {
      // whole times from ten on (142 倍), one decimal under it (7.5 倍)
      const digits = check.ratio >= 10 ? 0 : 1;
      const ratio = check.ratio.toLocaleString(locale, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      text = t('targets.check.above', { reference, value, ratio });
    } else {
      const percent = (check.ratio * 100).toLocaleString(
        locale,
        check.ratio >= 0.01 ? { maximumFractionDigits: 1 } : { maximumSignificantDigits: 2 },
      );
      text = t('targets.check.below', { reference, value, percent: `${percent}%` });
    }
  }
  return (
    // as wide as the field: wrapped under it rather than widening the whole table
    <Typography.Text
      type="warning"
      style={{ fontSize: 12, maxWidth: 260 }}
      data-testid="target-warning"
      role="status"
    >
      {text}
    </Typography.Text>
  );
}
