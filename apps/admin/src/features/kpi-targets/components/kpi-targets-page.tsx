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
  type TableColumnsType,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { ResponsiveTable } from '../../../components/responsive-table';
import { shanghaiDayOfInstant, shanghaiThisYear } from '../../../lib/shanghai-time';
import { useActiveMembership } from '../../auth/api/get-me';
import { readsKpis } from '../../kpis/access';
import { KpiNoAccess } from '../../kpis/components/kpi-cockpit-page';
import { QueryState } from '../../kpis/components/query-state';
import { formatKpiText, localized } from '../../kpis/format';
import { useKpiTargets, useSaveKpiTargets } from '../api/kpi-targets';
import {
  checkAgainstLastYear,
  inputToTarget,
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
  const { message } = App.useApp();
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
  // an aid to whoever types the targets; a read-only reader could act on it only by asking them
  const checkOf = (row: Row): TargetCheck | null =>
    list.editable
      ? checkAgainstLastYear(
          row.kpi,
          inputToTarget(row.kpi.unit, textOf(row)),
          lastYearOf(row),
          lastYearMonths,
        )
      : null;
  const localError = (row: Row): string | null => {
    const text = drafts[row.id];
    if (text === undefined) return null;
    const value = inputToTarget(row.kpi.unit, text);
    if (value === undefined || (value !== null && (value < row.kpi.min || value > row.kpi.max))) {
      return rangeText(row.kpi);
    }
    return null;
  };
  const rangeText = (k: KpiTargetKpi) => {
    const show = (v: number) => targetToInput(k.unit, v);
    const unit = unitText(k);
    return `${show(k.min)}–${show(k.max)} ${unit}`.trim();
  };
  const unitText = (k: KpiTargetKpi) =>
    k.unit === 'fen'
      ? t('targets.unit.yuan')
      : k.unit === 'bp'
        ? t('targets.unit.percent')
        : t(`kpi.unit.${k.definition.unit}` as 'kpi.unit.jobs');

  // what differs from the stored value, as the API's changes
  const changes = Object.entries(drafts).flatMap(([id, text]): Draft[] => {
    const [ownerId, key] = id.split('|') as [string, KpiKey];
    const k = list.kpis.find((x) => x.key === key);
    if (!k) return [];
    const value = inputToTarget(k.unit, text);
    const before = stored.get(id);
    if (value === undefined) return [{ id, invalid: true }];
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

  const onSave = () => {
    const valid = changes.filter((c): c is ValidDraft => !c.invalid);
    if (changes.some((c) => c.invalid) || rows.some((row) => localError(row))) {
      void message.error(t('targets.invalid'));
      return;
    }
    if (valid.length === 0) {
      void message.info(t('targets.nothingChanged'));
      return;
    }
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
            <Typography.Text>
              {formatKpiText(row.kpi.definition.unit, targetAsKpiValue(row.kpi.unit, value), language, t)}
            </Typography.Text>
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
              suffix={unitText(row.kpi)}
              disabled={!list.editable}
              onChange={(event) => {
                const text = event.target.value;
                setDrafts((previous) => ({ ...previous, [row.id]: text }));
                setServerErrors(({ [row.id]: _gone, ...rest }) => rest);
              }}
              style={{ maxWidth: 260 }}
            />
            {error ? (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {error}
              </Typography.Text>
            ) : (
              <>
                <AmountHint row={row} text={textOf(row)} />
                <LastYearWarning row={row} check={checkOf(row)} />
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
          <Flex gap={8} align="center" wrap justify="flex-end">
            <Typography.Text type="secondary">{t('targets.clearHint')}</Typography.Text>
            {dirty > 0 ? <Typography.Text>{t('targets.unsaved', { count: dirty })}</Typography.Text> : null}
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
        ) : null}
      </Flex>
    </Card>
  );
}

/** A large amount typed in yuan, read back in 万元 (30000000 → 3,000.00 万元): a digit too many is seen at once. */
function AmountHint({ row, text }: { row: Row; text: string }) {
  const { t, i18n } = useTranslation();
  if (row.kpi.unit !== 'fen') return null;
  const value = inputToTarget('fen', text);
  if (value === null || value === undefined || value < 1_000_000) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="amount-hint">
      = {formatKpiText('fen', value, i18n.language, t)}
    </Typography.Text>
  );
}

/**
 * A target far from last year's actual (`checkAgainstLastYear`): a warning line, not an error — a real plan may be
 * bold, so saving stays allowed.
 */
function LastYearWarning({ row, check }: { row: Row; check: TargetCheck | null }) {
  const { t, i18n } = useTranslation();
  if (!check) return null;
  const language = i18n.language;
  const locale = language === 'en' ? 'en-US' : 'zh-CN';
  const value = formatKpiText(
    row.kpi.definition.unit,
    targetAsKpiValue(row.kpi.unit, Math.round(check.reference)),
    language,
    t,
  );
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
