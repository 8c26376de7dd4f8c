import { EyeOutlined } from '@ant-design/icons';
import type { DistrictSettings, DistrictSettingsUpdate } from '@gongfu/contract';
import {
  addMonths,
  reportDueDate,
  validateWarningThresholds,
  WARNING_THRESHOLD_LIMITS,
  type WarningThresholdField,
  type WarningThresholds,
} from '@gongfu/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  InputNumber,
  Row,
  Skeleton,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { isApiError } from '../../../lib/api-client';
import { shanghaiThisMonth } from '../../../lib/shanghai-time';
import type { TranslationKey } from '../../../lib/translation-key';
import { HistoryButton, HistoryDrawer } from '../../audit/components/history-drawer';
import { useActiveMembership } from '../../auth/api/get-me';
import { isStale } from '../../funds/form';
import { changesSettings } from '../access';
import { useDistrictSettings, useUpdateDistrictSettings } from '../api/settings';
import { percentNumberText } from '../format';

/**
 * Shares and falls are typed in percent (two decimals at most: a basis point), stored in basis points, and shown as a
 * person writes them (30 %, 12.5 %: no trailing zeros).
 */
const PERCENT_FIELDS = new Set<WarningThresholdField>([
  'revenueDropBp',
  'revenueDropRedBp',
  'remittanceRedBp',
]);

interface Values {
  reportDueDay: number | null;
  reportingStartMonth: Dayjs | null;
  warningThresholds: Record<WarningThresholdField, number | null>;
}

function toValues(settings: DistrictSettings): Values {
  const thresholds = Object.fromEntries(
    Object.entries(settings.warningThresholds).map(([field, value]) => [
      field,
      PERCENT_FIELDS.has(field as WarningThresholdField) ? value / 100 : value,
    ]),
  ) as Values['warningThresholds'];
  return {
    reportDueDay: settings.reportDueDay,
    reportingStartMonth: settings.reportingStartMonth ? dayjs(`${settings.reportingStartMonth}-01`) : null,
    warningThresholds: thresholds,
  };
}

function thresholdsOf(values: Values['warningThresholds'] | undefined): Partial<WarningThresholds> {
  const out: Partial<Record<WarningThresholdField, number>> = {};
  for (const [field, value] of Object.entries(values ?? {})) {
    if (value === null || value === undefined) continue;
    const key = field as WarningThresholdField;
    out[key] = PERCENT_FIELDS.has(key) ? Math.round(value * 100) : value;
  }
  return out;
}

/** One warning rule: its amber and red steps, each a threshold field or a fixed sentence. */
interface RuleRow {
  key: string;
  amber: WarningThresholdField | { text: TranslationKey };
  red: WarningThresholdField;
}

const RULES: readonly RuleRow[] = [
  { key: 'reportOverdue', amber: { text: 'settings.thresholds.always' }, red: 'reportOverdueRedDays' },
  { key: 'revenueDrop', amber: 'revenueDropBp', red: 'revenueDropRedBp' },
  { key: 'fundIdle', amber: 'fundIdleMonths', red: 'fundIdleRedMonths' },
  { key: 'agreementExpiring', amber: 'agreementExpiringDays', red: 'agreementExpiringRedDays' },
  { key: 'pledgeOverdue', amber: { text: 'settings.thresholds.always' }, red: 'pledgeOverdueRedDays' },
  { key: 'remittance', amber: { text: 'settings.thresholds.belowMinimum' }, red: 'remittanceRedBp' },
];

const UNIT_KEY = {
  days: 'settings.thresholds.unit.days',
  months: 'settings.thresholds.unit.months',
  bp: 'settings.thresholds.unit.percent',
} as const satisfies Record<string, TranslationKey>;

/**
 * 区级设置: the report due day, the reporting start month and the warning thresholds of the district, one form saved
 * with the settings' version. District admins change it; the district's other roles read it (disabled form). The
 * thresholds are checked as typed with the domain's own bounds and order of the steps; the API's field refusals
 * land on their inputs.
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const membership = useActiveMembership();
  const canChange = changesSettings(membership);
  const settings = useDistrictSettings();
  const update = useUpdateDistrictSettings();
  const [form] = Form.useForm<Values>();
  const [history, setHistory] = useState(false);
  const dueDay = Form.useWatch('reportDueDay', form);
  const initial = useMemo(() => (settings.data ? toValues(settings.data) : undefined), [settings.data]);

  const submit = (values: Values) => {
    if (!settings.data) return;
    const body: DistrictSettingsUpdate = {
      version: settings.data.version,
      ...(values.reportDueDay !== null ? { reportDueDay: values.reportDueDay } : {}),
      reportingStartMonth: values.reportingStartMonth ? values.reportingStartMonth.format('YYYY-MM') : null,
      warningThresholds: thresholdsOf(values.warningThresholds),
    };
    update.mutate(body, {
      onSuccess: (saved) => {
        form.setFieldsValue(toValues(saved));
        void message.success(t('settings.saved'));
      },
      onError: (error) => {
        if (!isApiError(error)) return;
        form.setFields(
          Object.entries(error.fields).map(([path, text]) => ({
            name: path.split('.') as never,
            errors: [text],
          })),
        );
      },
    });
  };

  const thresholdRule = (field: WarningThresholdField) => ({
    validator: async (_: unknown, value: number | null) => {
      if (value === null || value === undefined) throw new Error(t('settings.drawer.required'));
      const all = thresholdsOf(form.getFieldValue('warningThresholds'));
      const problems = validateWarningThresholds({
        ...settings.data?.warningThresholds,
        ...all,
      } as WarningThresholds);
      const mine = problems.find((p) => p.field === field);
      if (mine?.problem === 'red_before_amber') throw new Error(t('settings.thresholds.redBeforeAmber'));
    },
  });

  // the step is the visible label (the rule's name heads the row); the input's name says both
  const thresholdInput = (field: WarningThresholdField, step: string, label: string) => {
    const limits = WARNING_THRESHOLD_LIMITS[field];
    const percent = PERCENT_FIELDS.has(field);
    // the other step of the pair is checked again when this one changes
    const pair = RULES.find((r) => r.red === field || r.amber === field);
    const other = pair ? (pair.red === field ? pair.amber : pair.red) : undefined;
    return (
      <Form.Item
        name={['warningThresholds', field]}
        label={step}
        rules={[thresholdRule(field)]}
        dependencies={typeof other === 'string' ? [['warningThresholds', other]] : []}
        style={{ marginBottom: 8 }}
      >
        <InputNumber
          aria-label={label}
          prefix={t(`settings.thresholds.prefix.${field}`)}
          min={percent ? limits.min / 100 : limits.min}
          max={percent ? limits.max / 100 : limits.max}
          precision={percent ? 2 : 0}
          // rounded to the precision when left; shown without its trailing zeros (as typed while typing)
          formatter={
            percent
              ? (value, { userTyping, input }) => (userTyping ? input : percentNumberText(value ?? ''))
              : undefined
          }
          step={percent ? 5 : 1}
          inputMode={percent ? 'decimal' : 'numeric'}
          suffix={t(UNIT_KEY[limits.unit])}
          style={{ width: '100%' }}
        />
      </Form.Item>
    );
  };

  let body: ReactNode;
  if (settings.isPending) body = <Skeleton active />;
  else if (settings.isError || !settings.data || !initial) {
    body = <Alert type="error" showIcon title={settings.error?.message ?? t('common.errorTitle')} />;
  } else {
    const example = dueDayExample(dueDay ?? settings.data.reportDueDay, t);
    body = (
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        disabled={!canChange || update.isPending}
        requiredMark={false}
      >
        {update.error ? (
          <Alert
            role="alert"
            type={isStale(update.error) ? 'warning' : 'error'}
            showIcon
            style={{ marginBottom: 16 }}
            title={update.error.message}
            action={
              isStale(update.error) ? (
                <Button
                  size="small"
                  disabled={false}
                  onClick={() => {
                    update.reset();
                    void settings.refetch().then((r) => r.data && form.setFieldsValue(toValues(r.data)));
                  }}
                >
                  {t('funds.form.reload')}
                </Button>
              ) : undefined
            }
          />
        ) : null}
        <Card title={t('settings.reporting.title')} style={{ marginBottom: 16 }}>
          <Row gutter={24}>
            <Col xs={24} md={12}>
              <Form.Item
                name="reportDueDay"
                label={t('settings.reporting.dueDay')}
                extra={
                  <>
                    <div>{t('settings.reporting.dueDayHint')}</div>
                    {example ? <div>{example}</div> : null}
                  </>
                }
                rules={[{ required: true, message: t('settings.drawer.required') }]}
              >
                <InputNumber
                  min={1}
                  max={28}
                  precision={0}
                  inputMode="numeric"
                  suffix={t('settings.reporting.dueDayUnit')}
                  style={{ width: 200 }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="reportingStartMonth"
                label={t('settings.reporting.startMonth')}
                extra={t('settings.reporting.startMonthHint')}
              >
                <DatePicker
                  picker="month"
                  allowClear
                  placeholder={t('settings.reporting.startMonthPlaceholder')}
                  style={{ width: 200 }}
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={t('settings.thresholds.title')}>
          <Typography.Paragraph type="secondary">{t('settings.thresholds.intro')}</Typography.Paragraph>
          {RULES.map((rule) => {
            const name = t(`settings.thresholds.rule.${rule.key}` as TranslationKey);
            return (
              <div
                key={rule.key}
                data-rule={rule.key}
                style={{ borderTop: '1px solid rgba(5, 5, 5, 0.06)', paddingTop: 12, marginTop: 4 }}
              >
                <Row gutter={[16, 0]} align="top">
                  <Col xs={24} lg={10}>
                    <Typography.Text strong>{name}</Typography.Text>
                    <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                      {t(`settings.thresholds.explain.${rule.key}` as TranslationKey)}
                    </Typography.Paragraph>
                  </Col>
                  <Col xs={12} lg={7}>
                    {typeof rule.amber === 'string' ? (
                      thresholdInput(
                        rule.amber,
                        t('settings.thresholds.amber'),
                        `${t('settings.thresholds.amber')} · ${name}`,
                      )
                    ) : (
                      <Form.Item label={t('settings.thresholds.amber')} style={{ marginBottom: 8 }}>
                        <Tag color="gold">{t(rule.amber.text)}</Tag>
                      </Form.Item>
                    )}
                  </Col>
                  <Col xs={12} lg={7}>
                    {thresholdInput(
                      rule.red,
                      t('settings.thresholds.red'),
                      `${t('settings.thresholds.red')} · ${name}`,
                    )}
                  </Col>
                </Row>
              </div>
            );
          })}
        </Card>
        {canChange ? (
          <Flex gap={8} justify="flex-end" style={{ marginTop: 16 }} wrap>
            <Button onClick={() => form.setFieldsValue(initial)} disabled={update.isPending}>
              {t('settings.page.reset')}
            </Button>
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              {t('settings.page.save')}
            </Button>
          </Flex>
        ) : null}
      </Form>
    );
  }

  return (
    <PageContainer
      title={t('settings.page.title')}
      subTitle={t('settings.page.subtitle')}
      extra={
        <>
          {!canChange ? (
            <Tooltip title={t('settings.readOnlyHint')}>
              <Tag icon={<EyeOutlined />}>{t('settings.readOnly')}</Tag>
            </Tooltip>
          ) : null}
          {settings.data ? <HistoryButton onClick={() => setHistory(true)} /> : null}
        </>
      }
    >
      {body}
      {settings.data ? (
        <HistoryDrawer
          entityType="district"
          entityId={settings.data.districtId}
          open={history}
          onClose={() => setHistory(false)}
        />
      ) : null}
    </PageContainer>
  );
}

/** "例如设为 10 日：2026年11月的月报须在 2026-12-10 前提交" for the month just ended. */
function dueDayExample(day: number | null | undefined, t: TFunction) {
  if (!day || day < 1 || day > 28 || !Number.isInteger(day)) return null;
  const month = addMonths(shanghaiThisMonth(), -1);
  return t('settings.reporting.dueDayExample', { day, month, due: reportDueDate(month, day) });
}
