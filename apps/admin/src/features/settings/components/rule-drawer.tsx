import type { DistributionPreview, DistributionRule } from '@gongfu/contract';
import { addMonths, formatYuan, type Month } from '@gongfu/domain';
import {
  Alert,
  App,
  Col,
  Collapse,
  DatePicker,
  Form,
  Input,
  Row,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api-client';
import { shanghaiThisMonth } from '../../../lib/shanghai-time';
import { FormDrawer } from '../../funds/components/form-drawer';
import { percentRule, percentToBp } from '../../register/form';
import { type PreviewParams, useCreateDistributionRule, useDistributionPreview } from '../api/settings';
import { percentNumberText, percentText, SHARE_FIELDS } from '../format';

interface Values {
  governanceFundBp: string;
  reserveBp: string;
  otherBp: string;
  effectiveFrom: Dayjs | null;
}

type Fund = DistributionPreview['totals']['funds'][number];

const yuan = (fen: number) => formatYuan(fen, { grouping: true });
const signed = (fen: number) => (fen > 0 ? `+${yuan(fen)}` : yuan(fen));

/** The preview follows the typed shares after a pause, not every keystroke. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** A share in its input as a person writes it: 12.5, not 12.50. */
const shareInput = (bp: number) => percentNumberText(bp / 100);

/**
 * A new version of a community's rule: the three shares typed in percent (their sum said as typed, 100 % before
 * anything is sent), the month it takes effect, and the preview — what the shares would have posted on the
 * community's latest month of approved reports beside what was posted, fund by fund and report by report.
 */
export function RuleDrawer({
  open,
  communityId,
  communityName,
  inForce,
  onClose,
}: {
  open: boolean;
  communityId: string;
  communityName: string;
  /** the version in force (its shares are the starting point); none: the default split */
  inForce: DistributionRule | undefined;
  latestEffectiveFrom?: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateDistributionRule();
  const watched = Form.useWatch([], form) as Partial<Values> | undefined;

  const start = inForce ?? { governanceFundBp: 0, reserveBp: 10_000, otherBp: 0 };
  const shares = SHARE_FIELDS.map(({ field }) => percentToBp(watched?.[field] ?? shareInput(start[field])));
  const complete = shares.every((bp) => bp !== undefined);
  const sum = shares.reduce<number>((total, bp) => total + (bp ?? 0), 0);
  const balanced = complete && sum === 10_000;
  const proposal = useMemo<PreviewParams | undefined>(
    () =>
      balanced
        ? {
            communityId,
            governanceFundBp: shares[0] as number,
            reserveBp: shares[1] as number,
            otherBp: shares[2] as number,
          }
        : undefined,
    [balanced, communityId, shares[0], shares[1], shares[2]],
  );
  const preview = useDistributionPreview(useDebounced(proposal, 300));
  const latestApproved = preview.data?.month ?? null;

  // the first month the rule may sensibly start: this month, or after the last month already approved
  const suggested = useMemo(() => {
    const now = shanghaiThisMonth();
    const after = latestApproved ? addMonths(latestApproved as Month, 1) : now;
    return after.localeCompare(now) > 0 ? after : now;
  }, [latestApproved]);
  const touchedMonth = form.isFieldTouched('effectiveFrom');
  useEffect(() => {
    if (!touchedMonth) form.setFieldValue('effectiveFrom', dayjs(`${suggested}-01`));
  }, [suggested, touchedMonth, form]);
  const chosen = watched?.effectiveFrom?.format('YYYY-MM');
  const reachesApproved = chosen !== undefined && latestApproved !== null && chosen <= latestApproved;

  const close = () => {
    create.reset();
    onClose();
  };

  const submit = (values: Values) => {
    if (!balanced || !values.effectiveFrom) return;
    create.mutate(
      {
        communityId,
        effectiveFrom: values.effectiveFrom.format('YYYY-MM'),
        governanceFundBp: shares[0] as number,
        reserveBp: shares[1] as number,
        otherBp: shares[2] as number,
      },
      {
        onSuccess: () => {
          void message.success(t('settings.saved'));
          close();
        },
        onError: (error) => {
          if (!isApiError(error)) return;
          const known = new Set<string>(['effectiveFrom', ...SHARE_FIELDS.map((s) => s.field)]);
          form.setFields(
            Object.entries(error.fields)
              .filter(([path]) => known.has(path))
              .map(([path, text]) => ({ name: path as keyof Values, errors: [text] })),
          );
        },
      },
    );
  };

  const rest = Math.abs(10_000 - sum);
  const sumText = !complete
    ? t('settings.drawer.sum', { sum: percentText(sum) })
    : balanced
      ? t('settings.drawer.sumOk')
      : sum < 10_000
        ? t('settings.drawer.sumShort', { sum: percentText(sum), rest: percentText(rest) })
        : t('settings.drawer.sumOver', { sum: percentText(sum), rest: percentText(rest) });

  return (
    <FormDrawer
      title={t('settings.drawer.title', { community: communityName })}
      open={open}
      onClose={close}
      onSubmit={() => form.submit()}
      submitText={t('settings.drawer.submit')}
      pending={create.isPending}
      error={create.error}
    >
      <Typography.Paragraph type="secondary">{t('settings.drawer.intro')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={create.isPending}
        initialValues={{
          governanceFundBp: shareInput(start.governanceFundBp),
          reserveBp: shareInput(start.reserveBp),
          otherBp: shareInput(start.otherBp),
          effectiveFrom: dayjs(`${suggested}-01`),
        }}
      >
        {/* side by side from a tablet up (a label that wraps must not push its input out of line); one under another
            on a phone, where a third of 390 px broke 公积金（储备） in the middle of its word */}
        <Row gutter={12} align="bottom">
          {SHARE_FIELDS.map(({ field, fundKind, column }) => (
            <Col xs={24} sm={8} key={field}>
              <Form.Item name={field} label={t(`settings.rules.col.${column}`)} rules={[percentRule(t)]}>
                <Input
                  inputMode="decimal"
                  suffix="%"
                  autoComplete="off"
                  aria-label={t('settings.drawer.share', { fund: t(`settings.rules.fund.${fundKind}`) })}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <div style={{ marginBottom: 16 }} aria-live="polite">
          <Tag
            color={balanced ? 'green' : 'red'}
            data-testid="share-sum"
            style={{ fontSize: 14, padding: '2px 8px' }}
          >
            {sumText}
          </Tag>
        </div>
        <Form.Item
          name="effectiveFrom"
          label={t('settings.drawer.effectiveFrom')}
          extra={t('settings.drawer.effectiveFromHint')}
          rules={[{ required: true, message: t('settings.drawer.required') }]}
        >
          <DatePicker picker="month" allowClear={false} style={{ width: 200 }} />
        </Form.Item>
        {reachesApproved ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('settings.drawer.effectiveFromApproved', {
              month: latestApproved,
              next: addMonths(latestApproved as Month, 1),
            })}
          />
        ) : null}
      </Form>
      <PreviewSection
        preview={preview.data}
        pending={balanced && preview.isPending}
        error={preview.error}
        balanced={balanced}
      />
    </FormDrawer>
  );
}

function PreviewSection({
  preview,
  pending,
  error,
  balanced,
}: {
  preview: DistributionPreview | undefined;
  pending: boolean;
  error: Error | null;
  balanced: boolean;
}) {
  const { t } = useTranslation();
  const title = preview?.month
    ? t('settings.preview.title', { month: preview.month })
    : t('settings.preview.titleNone');
  let body: ReactNode;
  if (!balanced) body = <Typography.Text type="secondary">{t('settings.preview.waitSum')}</Typography.Text>;
  else if (error)
    body = <Alert type="error" showIcon title={t('settings.preview.failed')} description={error.message} />;
  else if (pending || !preview) body = <Skeleton active paragraph={{ rows: 3 }} />;
  else if (!preview.month || preview.reports.length === 0) {
    body = <Typography.Text type="secondary">{t('settings.preview.none')}</Typography.Text>;
  } else {
    const then = preview.ruleInForce;
    body = (
      <>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('settings.preview.hint', { month: preview.month, count: preview.reports.length })}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {then.id
            ? t('settings.preview.ruleThen', {
                g: percentText(then.governanceFundBp),
                r: percentText(then.reserveBp),
                o: percentText(then.otherBp),
              })
            : t('settings.preview.ruleThenDefault')}
          {' · '}
          {t('settings.preview.distributable', { amount: yuan(preview.totals.distributableFen) })}
        </Typography.Paragraph>
        <FundTable funds={preview.totals.funds} total testId="preview-totals" />
        <Collapse
          size="small"
          style={{ marginTop: 12 }}
          items={[
            {
              key: 'reports',
              label: t('settings.preview.byReport', { count: preview.reports.length }),
              children: preview.reports.map((report) => (
                <div key={report.reportId} style={{ marginBottom: 12 }}>
                  <Typography.Text strong>{report.ventureName}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {t('settings.preview.distributable', { amount: yuan(report.distributableFen) })}
                  </Typography.Text>
                  <FundTable funds={report.funds} />
                </div>
              )),
            },
          ]}
        />
      </>
    );
  }
  return (
    <section aria-label={title}>
      <Typography.Title level={5}>{title}</Typography.Title>
      {body}
    </section>
  );
}

const wholeAmount = () => ({ style: { whiteSpace: 'nowrap' as const } });

function FundTable({ funds, total, testId }: { funds: readonly Fund[]; total?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const fundName = (kind: Fund['fundKind']) => t(`settings.rules.fund.${kind}`);
  const sum = (pick: (f: Fund) => number) => funds.reduce((s, f) => s + pick(f), 0);
  return (
    <Table<Fund>
      data-testid={testId}
      size="small"
      rowKey="fundKind"
      pagination={false}
      dataSource={funds as Fund[]}
      // no sideways scroll: the difference is the point of the trial and sat out of sight at the right ("Change"
      // in English); the fund's name wraps, the amounts stay whole
      columns={[
        { key: 'fund', title: t('settings.preview.fund'), render: (_, f) => fundName(f.fundKind) },
        {
          key: 'posted',
          title: t('settings.preview.posted'),
          align: 'right',
          onCell: wholeAmount,
          onHeaderCell: wholeAmount,
          render: (_, f) => yuan(f.postedFen),
        },
        {
          key: 'proposed',
          title: t('settings.preview.proposed'),
          align: 'right',
          onCell: wholeAmount,
          onHeaderCell: wholeAmount,
          render: (_, f) => yuan(f.proposedFen),
        },
        {
          key: 'difference',
          title: t('settings.preview.difference'),
          align: 'right',
          onCell: wholeAmount,
          onHeaderCell: wholeAmount,
          render: (_, f) => (
            <Typography.Text
              type={f.differenceFen === 0 ? 'secondary' : undefined}
              strong={f.differenceFen !== 0}
            >
              {signed(f.differenceFen)}
            </Typography.Text>
          ),
        },
      ]}
      summary={
        total
          ? () => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>{t('settings.preview.total')}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {yuan(sum((f) => f.postedFen))}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {yuan(sum((f) => f.proposedFen))}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {signed(sum((f) => f.differenceFen))}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )
          : undefined
      }
    />
  );
}
