import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { type Shareholdings, ShareholdingsReplace } from '@gongfu/contract';
import {
  APPRAISAL_METHOD_LABELS,
  CONTRIBUTION_KIND_LABELS,
  CONTRIBUTION_KINDS,
  type ContributionKind,
  contributionNeedsAsset,
  formatYuan,
  HOLDER_KIND_LABELS,
  HOLDER_KINDS,
  type HolderKind,
} from '@gongfu/domain';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pickerThisMonth } from '../../../lib/shanghai-time';
import { FormDrawer } from '../../funds/components/form-drawer';
import { applyServerErrors, describeIssue, yuanToFen } from '../../funds/form';
import { label } from '../../funds/format';
import { useAppraisals, useAssets, usePartners, useReplaceShareholdings } from '../api/register';
import {
  applyListServerErrors,
  bpToPercentInput,
  fenToYuanInput,
  percentRule,
  percentToBp,
  yuanRule,
} from '../form';
import { shareText } from '../format';

interface HoldingRow {
  holderKind: HolderKind;
  holderPartnerId?: string | undefined;
  holderName?: string | undefined;
  contributionKind: ContributionKind;
  assetId?: string | undefined;
  appraisalId?: string | undefined;
  subscribed?: string | undefined;
  paidIn?: string | undefined;
  share?: string | undefined;
}

interface Values {
  /** the first month the new set is in force (empty: the API's default) */
  effectiveFrom: Dayjs | null;
  items: HoldingRow[];
}

/** The body's names → the row's (amounts typed in 元, shares in %). */
const ROW_FIELD_MAP: Readonly<Record<string, string>> = {
  subscribedFen: 'subscribed',
  paidInFen: 'paidIn',
  shareBp: 'share',
};

const sumBp = (rows: readonly (HoldingRow | undefined)[] | undefined) =>
  (rows ?? []).reduce((sum, row) => sum + (percentToBp(row?.share) ?? 0), 0);

/**
 * Replaces a company's shareholdings as one set (with the company's version). Shares are typed as percentages
 * and must sum to exactly 100 % before anything is sent; a site or premises contribution names the asset and the
 * appraisal it was valued by. The contract's schema checks the body; the API's row errors land on their rows.
 */
export function ShareholdingsDrawer({
  open,
  companyId,
  communityId,
  shareholdings,
  onClose,
  onReload,
}: {
  open: boolean;
  companyId: string;
  communityId: string;
  shareholdings: Shareholdings;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const replace = useReplaceShareholdings(companyId);
  const partners = usePartners({});
  const assets = useAssets({ communityId });
  const watched = Form.useWatch('items', form);
  const [schemaErrors, setSchemaErrors] = useState<string[]>([]);
  const total = sumBp(watched);

  const close = () => {
    replace.reset();
    onClose();
  };

  const submit = (values: Values) => {
    setSchemaErrors([]);
    const body = {
      version: shareholdings.version,
      // unsaid, the API takes the company's start for a first set and this month for a change
      ...(values.effectiveFrom ? { effectiveFrom: values.effectiveFrom.format('YYYY-MM') } : {}),
      items: values.items.map((row) => {
        const needsAsset = contributionNeedsAsset(row.contributionKind);
        return {
          holderKind: row.holderKind,
          holderPartnerId: row.holderKind === 'partner' ? (row.holderPartnerId ?? null) : null,
          holderName: row.holderName?.trim() ? row.holderName.trim() : null,
          contributionKind: row.contributionKind,
          assetId: needsAsset ? (row.assetId ?? null) : null,
          appraisalId: needsAsset ? (row.appraisalId ?? null) : null,
          subscribedFen: yuanToFen(row.subscribed) ?? 0,
          paidInFen: yuanToFen(row.paidIn) ?? 0,
          shareBp: percentToBp(row.share),
        };
      }),
    };
    const checked = ShareholdingsReplace.safeParse(body);
    if (!checked.success) {
      const rowErrors: { name: (string | number)[]; errors: string[] }[] = [];
      const other: string[] = [];
      for (const issue of checked.error.issues) {
        const [head, index, field] = issue.path;
        if (head === 'effectiveFrom') {
          rowErrors.push({ name: ['effectiveFrom'], errors: [describeIssue(issue, t)] });
        } else if (head === 'items' && typeof index === 'number' && typeof field === 'string') {
          rowErrors.push({
            name: ['items', index, ROW_FIELD_MAP[field] ?? field],
            errors: [describeIssue(issue, t)],
          });
        } else other.push(describeIssue(issue, t));
      }
      form.setFields(rowErrors as Parameters<typeof form.setFields>[0]);
      setSchemaErrors(other);
      return;
    }
    replace.mutate(checked.data, {
      onSuccess: () => {
        void message.success(t('register.form.saved'));
        close();
      },
      onError: (error) => {
        // a month already approved is never split again: the API names effectiveFrom
        applyServerErrors(error, form, ['effectiveFrom']);
        applyListServerErrors(error, form, 'items', ROW_FIELD_MAP);
      },
    });
  };

  const partnerOptions = (partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
  const assetOptions = (assets.data?.items ?? [])
    .filter((a) => a.kind === 'premises' || a.kind === 'land' || a.kind === 'plaza')
    .map((a) => ({ value: a.id, label: a.areaM2 !== null ? `${a.name}（${a.areaM2} m²）` : a.name }));

  return (
    <FormDrawer
      title={t('register.shareholding.title')}
      open={open}
      onClose={close}
      onSubmit={() => form.submit()}
      submitText={t('register.shareholding.submit')}
      pending={replace.isPending}
      error={replace.error}
      onReload={() => {
        replace.reset();
        onReload();
      }}
    >
      <Typography.Paragraph type="secondary">{t('register.shareholding.rule')}</Typography.Paragraph>
      {schemaErrors.length > 0 ? (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={schemaErrors.join('；')} />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={replace.isPending}
        initialValues={{
          // a change takes effect from this month unless said otherwise; a first set from the company's start
          effectiveFrom: shareholdings.items.length > 0 ? pickerThisMonth() : null,
          items:
            shareholdings.items.length > 0
              ? shareholdings.items.map((h) => ({
                  holderKind: h.holderKind,
                  holderPartnerId: h.holderPartnerId ?? undefined,
                  holderName: h.holderName,
                  contributionKind: h.contributionKind,
                  assetId: h.assetId ?? undefined,
                  appraisalId: h.appraisalId ?? undefined,
                  subscribed: fenToYuanInput(h.subscribedFen),
                  paidIn: fenToYuanInput(h.paidInFen),
                  share: bpToPercentInput(h.shareBp),
                }))
              : [{ holderKind: 'community', contributionKind: 'site', share: '100' }],
        }}
      >
        <Form.Item
          name="effectiveFrom"
          label={t('register.shareholding.field.effectiveFrom')}
          extra={t('register.shareholding.field.effectiveFromHint')}
        >
          <DatePicker picker="month" style={{ width: '100%' }} />
        </Form.Item>
        <Form.List
          name="items"
          rules={[
            {
              validator: async (_, rows: HoldingRow[] | undefined) => {
                const sum = sumBp(rows);
                if (sum !== 10_000) {
                  throw new Error(t('register.shareholding.sumMismatch', { sum: shareText(sum) }));
                }
              },
            },
          ]}
        >
          {(rows, { add, remove }, { errors }) => (
            <>
              {rows.map((row, index) => (
                <Card
                  key={row.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={t('register.shareholding.row', { n: index + 1 })}
                  extra={
                    rows.length > 1 ? (
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('register.shareholding.removeRow', { n: index + 1 })}
                        onClick={() => remove(row.name)}
                      />
                    ) : null
                  }
                >
                  <Row gutter={12}>
                    <Col xs={24} sm={12}>
                      <Form.Item
                        name={[row.name, 'holderKind']}
                        label={t('register.shareholding.field.holderKind')}
                        rules={[{ required: true, message: t('register.form.required') }]}
                      >
                        <Select
                          options={HOLDER_KINDS.map((k) => ({
                            value: k,
                            label: label(HOLDER_KIND_LABELS[k], language),
                          }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12}>
                      <Form.Item noStyle dependencies={[['items', row.name, 'holderKind']]}>
                        {() =>
                          form.getFieldValue(['items', row.name, 'holderKind']) === 'partner' ? (
                            <Form.Item
                              name={[row.name, 'holderPartnerId']}
                              label={t('register.shareholding.field.holderPartner')}
                              rules={[{ required: true, message: t('register.form.required') }]}
                            >
                              <Select
                                showSearch={{ optionFilterProp: 'label' }}
                                loading={partners.isPending}
                                options={partnerOptions}
                              />
                            </Form.Item>
                          ) : (
                            <Form.Item
                              name={[row.name, 'holderName']}
                              label={t('register.shareholding.field.holderName')}
                              rules={[
                                {
                                  required: ['residents', 'other'].includes(
                                    form.getFieldValue(['items', row.name, 'holderKind']),
                                  ),
                                  whitespace: true,
                                  message: t('register.form.required'),
                                },
                              ]}
                            >
                              <Input
                                maxLength={200}
                                placeholder={t('register.shareholding.field.holderNameHint')}
                              />
                            </Form.Item>
                          )
                        }
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12}>
                      <Form.Item
                        name={[row.name, 'contributionKind']}
                        label={t('register.shareholding.field.contribution')}
                        rules={[{ required: true, message: t('register.form.required') }]}
                      >
                        <Select
                          options={CONTRIBUTION_KINDS.map((k) => ({
                            value: k,
                            label: label(CONTRIBUTION_KIND_LABELS[k], language),
                          }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12}>
                      <Form.Item
                        name={[row.name, 'share']}
                        label={t('register.shareholding.field.share')}
                        required
                        rules={[percentRule(t, true)]}
                      >
                        <Input inputMode="decimal" suffix="%" autoComplete="off" />
                      </Form.Item>
                    </Col>
                    <Form.Item
                      noStyle
                      dependencies={[
                        ['items', row.name, 'contributionKind'],
                        ['items', row.name, 'assetId'],
                      ]}
                    >
                      {() =>
                        contributionNeedsAsset(
                          form.getFieldValue(['items', row.name, 'contributionKind']),
                        ) ? (
                          <>
                            <Col xs={24} sm={12}>
                              <Form.Item
                                name={[row.name, 'assetId']}
                                label={t('register.shareholding.field.asset')}
                                rules={[{ required: true, message: t('register.form.required') }]}
                              >
                                <Select
                                  showSearch={{ optionFilterProp: 'label' }}
                                  loading={assets.isPending}
                                  options={assetOptions}
                                  onChange={() =>
                                    form.setFieldValue(['items', row.name, 'appraisalId'], undefined)
                                  }
                                />
                              </Form.Item>
                            </Col>
                            <Col xs={24} sm={12}>
                              <Form.Item
                                name={[row.name, 'appraisalId']}
                                label={t('register.shareholding.field.appraisal')}
                                rules={[{ required: true, message: t('register.form.required') }]}
                              >
                                <AppraisalSelect
                                  assetId={form.getFieldValue(['items', row.name, 'assetId'])}
                                />
                              </Form.Item>
                            </Col>
                          </>
                        ) : null
                      }
                    </Form.Item>
                    <Col xs={24} sm={12}>
                      <Form.Item
                        name={[row.name, 'subscribed']}
                        label={t('register.shareholding.field.subscribed')}
                        rules={[yuanRule(t)]}
                      >
                        <Input inputMode="decimal" suffix={t('kpi.unit.fen')} autoComplete="off" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12}>
                      <Form.Item
                        name={[row.name, 'paidIn']}
                        label={t('register.shareholding.field.paidIn')}
                        rules={[yuanRule(t)]}
                      >
                        <Input inputMode="decimal" suffix={t('kpi.unit.fen')} autoComplete="off" />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => add({ holderKind: 'partner', contributionKind: 'cash' })}
              >
                {t('register.shareholding.addRow')}
              </Button>
              <div
                role="status"
                aria-live="polite"
                style={{ marginTop: 12, fontWeight: 600, color: total === 10_000 ? undefined : '#cf1322' }}
              >
                {t('register.shareholding.sum')}
                {t('common.colon')}
                {shareText(total)}
              </div>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  );
}

/** The appraisals of the chosen asset, newest first: the one the contribution was valued by. */
function AppraisalSelect({
  assetId,
  value,
  onChange,
  id,
}: {
  assetId: string | undefined;
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
}) {
  const { t, i18n } = useTranslation();
  const appraisals = useAppraisals(assetId);
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      disabled={!assetId}
      loading={appraisals.isFetching}
      notFoundContent={assetId ? t('register.shareholding.noAppraisals') : undefined}
      options={(appraisals.data?.items ?? []).map((a) => ({
        value: a.id,
        label: t('register.shareholding.appraisalOption', {
          date: a.appraisedOn,
          value: formatYuan(a.valueFen, { grouping: true }),
          method: label(APPRAISAL_METHOD_LABELS[a.method], i18n.language),
        }),
      }))}
    />
  );
}
