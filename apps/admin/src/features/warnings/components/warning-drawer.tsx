import { HistoryOutlined } from '@ant-design/icons';
import type { Warning } from '@gongfu/contract';
import { WARNING_KIND_LABELS, WARNING_STATUS_LABELS } from '@gongfu/domain';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Alert, App, Button, Descriptions, Drawer, Flex, Form, Grid, Input, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api-client';
import { instantText } from '../../../lib/shanghai-time';
import { HistoryDrawer } from '../../audit/components/history-drawer';
import { label } from '../../funds/format';
import { monthLabel } from '../../reports/format';
import { useResolveWarning, warningsQueryKey } from '../api/warnings';
import { factsOf, subjectName } from '../facts';
import { dayLabel, useConditionTexts } from './condition-age';
import { SeverityTag } from './severity-tag';

const NOTE_MAX = 2000;

/**
 * One warning: what it is about and the figures behind it, its resolution, its history; and, for the roles the
 * domain lets resolve, the note that closes it. The API decides in the end: its refusal is shown as it says it.
 */
export function WarningDrawer({
  warning,
  mayResolve,
  onClose,
}: {
  warning: Warning | null;
  mayResolve: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<{ resolution: string }>();
  const resolve = useResolveWarning();
  const queryClient = useQueryClient();
  const [history, setHistory] = useState(false);
  const { message } = App.useApp();
  const conditionTexts = useConditionTexts();

  // another warning, a fresh form
  const id = warning?.id;
  useEffect(() => {
    if (id) {
      form.resetFields();
      resolve.reset();
    }
  }, [id, form, resolve.reset]);

  const error = resolve.error;
  useEffect(() => {
    // a field the API names lands on the field
    if (error && isApiError(error, 400) && error.fields.resolution) {
      form.setFields([{ name: 'resolution', errors: [error.fields.resolution] }]);
    }
  }, [error, form]);

  if (!warning) return <Drawer open={false} onClose={onClose} />;
  const subject = subjectName(warning);
  const condition = conditionTexts(warning);
  const facts = factsOf(warning, {
    yuan: t('kpi.unit.fen'),
    months: (count) => t('oversight.warnings.ageMonths', { count }),
    days: (count) => t('oversight.warnings.ageDays', { count }),
    month: (month) => monthLabel(month, language),
    day: (date) => dayLabel(date, language),
  });
  const open = warning.status === 'open';
  const stale = isApiError(error, 409) ? error.message : null;
  const onField = isApiError(error, 400) && Boolean(error.fields.resolution);
  // any other refusal (403, 404, …) is said as the API says it
  const refusal = error && !stale && !onField ? error.message : null;

  const submit = async (values: { resolution: string }) => {
    try {
      await resolve.mutateAsync({
        id: warning.id,
        body: { resolution: values.resolution.trim(), version: warning.version },
      });
      void message.success(t('oversight.warnings.resolveForm.done'));
      onClose();
    } catch {
      // shown from the mutation's error
    }
  };

  return (
    <Drawer
      title={t('oversight.warnings.detail.title')}
      open
      onClose={onClose}
      size={screens.md ? 520 : '100%'}
      extra={
        <Button icon={<HistoryOutlined />} onClick={() => setHistory(true)}>
          {t('oversight.warnings.detail.openHistory')}
        </Button>
      }
    >
      <Flex vertical gap={16}>
        <Flex gap={8} wrap align="center">
          <SeverityTag severity={warning.severity} />
          <Typography.Text strong>{label(WARNING_KIND_LABELS[warning.kind], language)}</Typography.Text>
          <Tag color={open ? 'processing' : 'success'}>
            {label(WARNING_STATUS_LABELS[warning.status], language)}
          </Tag>
        </Flex>
        <Descriptions
          size="small"
          column={1}
          bordered={screens.sm !== false}
          layout={screens.sm === false ? 'vertical' : 'horizontal'}
          items={[
            {
              key: 'owner',
              label: t('oversight.warnings.column.owner'),
              children: (
                <>
                  {warning.communityName ?? '—'}
                  {subject
                    ? ` · ${t(`oversight.warnings.subject.${warning.subjectType}`)}${t('common.colon')}${subject}`
                    : ''}
                  {warning.subjectType === 'fund' ? (
                    <>
                      {' '}
                      <Link to="/funds/$fundId" params={{ fundId: warning.subjectId }}>
                        {t('oversight.warnings.detail.openFund')}
                      </Link>
                    </>
                  ) : null}
                </>
              ),
            },
            { key: 'period', label: t('oversight.warnings.column.period'), children: warning.period },
            {
              // how long the condition has held, from the day it began (ADR 0040); its detection below
              key: 'age',
              label: t('oversight.warnings.column.age'),
              children: (
                <span className="warning-age">
                  {condition.age}
                  <Typography.Text type="secondary"> · {condition.since}</Typography.Text>
                </span>
              ),
            },
            {
              key: 'detected',
              label: t('oversight.warnings.detail.detectedAt'),
              children: instantText(warning.detectedAt),
            },
            ...(warning.resolvedAt
              ? [
                  {
                    key: 'resolved',
                    label: t('oversight.warnings.detail.resolvedAt'),
                    children: instantText(warning.resolvedAt),
                  },
                ]
              : []),
            ...(warning.resolution
              ? [
                  {
                    key: 'resolution',
                    label: t('oversight.warnings.detail.resolution'),
                    children: (
                      <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
                        {warning.resolution}
                      </Typography.Text>
                    ),
                  },
                ]
              : []),
          ]}
        />
        <div>
          <Typography.Title level={5}>{t('oversight.warnings.detail.facts')}</Typography.Title>
          {facts.length === 0 ? (
            <Typography.Text type="secondary">{t('oversight.warnings.detail.noFacts')}</Typography.Text>
          ) : (
            <Descriptions
              size="small"
              column={1}
              items={facts.map((f) => ({
                key: f.key,
                label: t(`oversight.warnings.fact.${f.key}`),
                children: f.value,
              }))}
            />
          )}
        </div>
        {open && !mayResolve ? (
          <Alert type="info" showIcon title={t('oversight.warnings.resolveForm.readOnlyHint')} />
        ) : null}
        {open && mayResolve ? (
          <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark>
            <Typography.Title level={5}>{t('oversight.warnings.resolveForm.title')}</Typography.Title>
            {stale ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title={t('oversight.warnings.resolveForm.stale')}
                description={stale}
                action={
                  <Button
                    size="small"
                    onClick={() => {
                      void queryClient.invalidateQueries({ queryKey: warningsQueryKey });
                      onClose();
                    }}
                  >
                    {t('oversight.warnings.resolveForm.reload')}
                  </Button>
                }
              />
            ) : null}
            {refusal ? (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 12 }}
                title={t('oversight.warnings.resolveForm.refused')}
                description={refusal}
              />
            ) : null}
            <Form.Item
              name="resolution"
              label={t('oversight.warnings.resolveForm.note')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('oversight.warnings.resolveForm.noteRequired'),
                },
                { max: NOTE_MAX, message: t('oversight.warnings.resolveForm.noteTooLong') },
              ]}
            >
              <Input.TextArea
                rows={4}
                maxLength={NOTE_MAX}
                showCount
                placeholder={t('oversight.warnings.resolveForm.notePlaceholder')}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={resolve.isPending}>
              {t('oversight.warnings.resolveForm.submit')}
            </Button>
          </Form>
        ) : null}
      </Flex>
      <HistoryDrawer
        entityType="warning"
        entityId={warning.id}
        open={history}
        onClose={() => setHistory(false)}
      />
    </Drawer>
  );
}
