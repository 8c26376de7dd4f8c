import { FulfilmentCreate, type Fund, type Pledge, PledgeCreate, type PledgeDetail } from '@gongfu/contract';
import { formatYuan, PLEDGE_KIND_LABELS, PLEDGE_KINDS, type PledgeKind } from '@gongfu/domain';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Grid,
  Input,
  Select,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pickerToday } from '../../../lib/shanghai-time';
import { FormDrawer } from '../../funds/components/form-drawer';
import { applyServerErrors, checkWithSchema, yuanRule, yuanToFen } from '../../funds/form';
import { label, yuanText } from '../../funds/format';
import { useIdempotencyKey } from '../../funds/idempotency';
import { usePartners, usePledge, usePledgeWrite } from '../api/pledges';

type Unplaced = { path: string; text: string }[];

// ── record what a partner gave

interface FulfilmentValues {
  amount: string;
  fulfilledOn: Dayjs;
  description?: string;
}

const FULFILMENT_FIELDS = ['amount', 'fulfilledOn', 'description'] as const;

export function FulfilmentDrawer({
  pledge,
  declares,
  onClose,
}: {
  pledge: Pledge;
  /** a partner declares; the community books it (a cash one waits for its confirmation) */
  declares: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FulfilmentValues>();
  const write = usePledgeWrite();
  const idempotency = useIdempotencyKey();
  const [unplaced, setUnplaced] = useState<Unplaced>([]);
  const outstanding = pledge.outstandingFen;
  const submit = (v: FulfilmentValues) => {
    const body = {
      valueFen: yuanToFen(v.amount),
      fulfilledOn: v.fulfilledOn ? v.fulfilledOn.format('YYYY-MM-DD') : undefined,
      description: v.description?.trim() || null,
    };
    if (!checkWithSchema(FulfilmentCreate, body, form, FULFILMENT_FIELDS, t, { valueFen: 'amount' })) return;
    write.mutate(
      {
        step: 'fulfil',
        pledgeId: pledge.id,
        body: body as FulfilmentCreate,
        idempotencyKey: idempotency.next(),
      },
      {
        onSuccess: () => {
          idempotency.settle();
          void message.success(
            pledge.kind === 'cash' && !declares
              ? t('funds.pledge.fulfil.booked')
              : t('funds.pledge.fulfil.done'),
          );
          onClose();
        },
        onError: (error) => {
          idempotency.settle(error);
          setUnplaced(applyServerErrors(error, form, FULFILMENT_FIELDS, { valueFen: 'amount' }));
        },
      },
    );
  };
  return (
    <FormDrawer
      title={t('funds.pledge.fulfil.title', { partner: pledge.partnerName ?? '' })}
      open
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitText={t('funds.pledge.fulfil.submit')}
      pending={write.isPending}
      error={write.error}
      unplaced={unplaced}
    >
      <Descriptions
        size="small"
        column={1}
        bordered
        style={{ marginBottom: 16 }}
        items={[
          { key: 'desc', label: t('funds.pledge.field.description'), children: pledge.description },
          { key: 'pledged', label: t('funds.pledge.field.pledged'), children: yuanText(pledge.amountFen, t) },
          {
            key: 'outstanding',
            label: t('funds.pledge.field.outstanding'),
            children: yuanText(outstanding, t),
          },
        ]}
      />
      {pledge.kind === 'cash' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={declares ? t('funds.pledge.fulfil.declareNote') : t('funds.pledge.fulfil.bookNote')}
        />
      ) : null}
      <Form<FulfilmentValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ fulfilledOn: pickerToday() }}
      >
        <Form.Item
          name="amount"
          label={pledge.kind === 'cash' ? t('funds.pledge.fulfil.amount') : t('funds.pledge.fulfil.value')}
          required
          rules={[yuanRule(t)]}
          extra={t('funds.form.amountHint')}
        >
          <Input inputMode="decimal" suffix={t('kpi.unit.fen')} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="fulfilledOn"
          label={t('funds.pledge.fulfil.date')}
          rules={[{ required: true, message: t('funds.form.required') }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(pickerToday(), 'day')} />
        </Form.Item>
        <Form.Item name="description" label={t('funds.pledge.fulfil.description')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

// ── a pledge and its fulfilments; the community confirms a declared cash one (its donation is booked)

export function PledgeDetailDrawer({
  pledgeId,
  mayConfirm,
  onClose,
}: {
  pledgeId: string;
  mayConfirm: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const pledge = usePledge(pledgeId);
  const write = usePledgeWrite();
  const idempotency = useIdempotencyKey();
  const confirm = (p: PledgeDetail, fulfilmentId: string) =>
    write.mutate(
      { step: 'confirm', pledgeId: p.id, fulfilmentId, idempotencyKey: idempotency.next() },
      {
        onSuccess: () => {
          idempotency.settle();
          void message.success(t('funds.pledge.confirm.done'));
        },
        onError: (error) => idempotency.settle(error),
      },
    );
  return (
    <Drawer open onClose={onClose} title={t('funds.pledge.detail.title')} size={screens.md ? 560 : '100%'}>
      {pledge.isPending ? <Skeleton active /> : null}
      {pledge.isError ? (
        <Alert
          type="error"
          showIcon
          title={t('kpi.state.error')}
          description={pledge.error.message}
          action={
            <Button size="small" onClick={() => void pledge.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      ) : null}
      {pledge.data ? (
        <>
          <Descriptions
            size="small"
            column={1}
            bordered
            style={{ marginBottom: 16 }}
            items={[
              {
                key: 'partner',
                label: t('funds.pledge.field.partner'),
                children: pledge.data.partnerName ?? '—',
              },
              {
                key: 'kind',
                label: t('funds.pledge.field.kind'),
                children: label(PLEDGE_KIND_LABELS[pledge.data.kind], i18n.language),
              },
              { key: 'desc', label: t('funds.pledge.field.description'), children: pledge.data.description },
              {
                key: 'pledged',
                label: t('funds.pledge.field.pledged'),
                children: yuanText(pledge.data.amountFen, t),
              },
              {
                key: 'fulfilled',
                label: t('funds.pledge.field.fulfilled'),
                children: yuanText(pledge.data.fulfilledFen, t),
              },
              { key: 'due', label: t('funds.pledge.field.dueOn'), children: pledge.data.dueOn },
            ]}
          />
          {write.error ? (
            <Alert
              role="alert"
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('funds.form.refusedTitle')}
              description={write.error.message}
            />
          ) : null}
          <Typography.Title level={5}>{t('funds.pledge.detail.fulfilments')}</Typography.Title>
          {pledge.data.fulfilments.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('funds.pledge.detail.none')} />
          ) : (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={pledge.data.fulfilments}
              columns={[
                { title: t('funds.pledge.fulfil.date'), dataIndex: 'fulfilledOn' },
                {
                  title: t('funds.pledge.fulfil.value'),
                  dataIndex: 'valueFen',
                  align: 'right',
                  render: (fen: number) => formatYuan(fen, { grouping: true }),
                },
                {
                  title: t('funds.pledge.fulfil.description'),
                  dataIndex: 'description',
                  render: (d: string | null) => d ?? '',
                },
                {
                  title: t('funds.pledge.detail.booked'),
                  key: 'confirmed',
                  render: (_, f) =>
                    f.confirmed ? (
                      <Tag color="green">
                        {pledge.data.kind === 'cash'
                          ? t('funds.pledge.detail.inFund')
                          : t('funds.pledge.detail.counted')}
                      </Tag>
                    ) : mayConfirm ? (
                      <Button
                        size="small"
                        type="primary"
                        loading={write.isPending}
                        onClick={() => confirm(pledge.data, f.id)}
                      >
                        {t('funds.pledge.confirm.button')}
                      </Button>
                    ) : (
                      <Tag color="gold">{t('funds.pledge.detail.awaiting')}</Tag>
                    ),
                },
              ]}
            />
          )}
        </>
      ) : null}
    </Drawer>
  );
}

// ── a new pledge

interface PledgeValues {
  partnerId: string;
  communityId?: string;
  kind: PledgeKind;
  description: string;
  amount: string;
  dueOn: Dayjs;
  fundId?: string;
}

const PLEDGE_FIELDS = [
  'partnerId',
  'communityId',
  'kind',
  'description',
  'amount',
  'dueOn',
  'fundId',
] as const;

export function CreatePledgeDrawer({
  funds,
  ownPartnerId,
  communities,
  onClose,
}: {
  funds: readonly Fund[];
  /** a partner operator pledges as itself, to a community it names */
  ownPartnerId: string | undefined;
  communities: readonly { id: string; name: string }[] | undefined;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PledgeValues>();
  const write = usePledgeWrite();
  const partners = usePartners(ownPartnerId === undefined);
  const kind = Form.useWatch('kind', form);
  const [unplaced, setUnplaced] = useState<Unplaced>([]);
  const submit = (v: PledgeValues) => {
    const body = {
      ...(v.communityId ? { communityId: v.communityId } : {}),
      partnerId: ownPartnerId ?? v.partnerId,
      kind: v.kind,
      description: v.description?.trim(),
      amountFen: yuanToFen(v.amount),
      dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : undefined,
      fundId: v.kind === 'cash' ? (v.fundId ?? null) : null,
    };
    if (!checkWithSchema(PledgeCreate, body, form, PLEDGE_FIELDS, t, { amountFen: 'amount' })) return;
    write.mutate(
      { step: 'create', body: body as PledgeCreate },
      {
        onSuccess: () => {
          void message.success(t('funds.pledge.create.done'));
          onClose();
        },
        onError: (error) =>
          setUnplaced(applyServerErrors(error, form, PLEDGE_FIELDS, { amountFen: 'amount' })),
      },
    );
  };
  return (
    <FormDrawer
      title={t('funds.pledge.create.title')}
      open
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitText={t('funds.pledge.create.submit')}
      pending={write.isPending}
      error={write.error}
      unplaced={unplaced}
    >
      {ownPartnerId !== undefined ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('funds.pledge.create.partnerNote')}
        />
      ) : null}
      <Form<PledgeValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: ownPartnerId === undefined ? 'cash' : 'service' }}
      >
        {ownPartnerId === undefined ? (
          <Form.Item
            name="partnerId"
            label={t('funds.pledge.field.partner')}
            rules={[{ required: true, message: t('funds.form.required') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={partners.isPending}
              options={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="communityId"
            label={t('funds.common.community')}
            rules={[{ required: true, message: t('funds.form.required') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={(communities ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('funds.pledge.field.kind')} rules={[{ required: true }]}>
          <Select
            options={PLEDGE_KINDS.filter((k) => ownPartnerId === undefined || k !== 'cash').map((k) => ({
              value: k,
              label: label(PLEDGE_KIND_LABELS[k], i18n.language),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('funds.pledge.field.description')}
          rules={[{ required: true, whitespace: true, message: t('funds.form.required') }]}
        >
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item
          name="amount"
          label={kind === 'cash' ? t('funds.pledge.field.pledged') : t('funds.pledge.create.estimated')}
          required
          rules={[yuanRule(t)]}
          extra={t('funds.form.amountHint')}
        >
          <Input inputMode="decimal" suffix={t('kpi.unit.fen')} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="dueOn"
          label={t('funds.pledge.field.dueOn')}
          rules={[{ required: true, message: t('funds.form.required') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {kind === 'cash' && ownPartnerId === undefined ? (
          <Form.Item
            name="fundId"
            label={t('funds.pledge.field.fund')}
            rules={[{ required: true, message: t('funds.form.required') }]}
          >
            <Select options={funds.map((f) => ({ value: f.id, label: f.name }))} />
          </Form.Item>
        ) : null}
      </Form>
    </FormDrawer>
  );
}
