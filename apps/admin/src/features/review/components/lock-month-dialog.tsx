import type { Community } from '@gongfu/contract';
import { addMonths } from '@gongfu/domain';
import { Alert, App, Flex, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLockPeriod } from '../../reports/api/reports';
import { monthLabel, openReportMonth } from '../../reports/format';

const WHOLE_DISTRICT = 'all';

/** Closes a month for one community or the whole district; a refusal (reviews pending) is shown as the API says it. */
export function LockMonthDialog({
  open,
  onClose,
  communities,
}: {
  open: boolean;
  onClose: () => void;
  communities: readonly Community[];
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lock = useLockPeriod();
  const months = Array.from({ length: 24 }, (_, i) => addMonths(openReportMonth(), -i - 1));
  const [month, setMonth] = useState<string>(months[0] ?? '');
  const [scope, setScope] = useState<string>(WHOLE_DISTRICT);

  return (
    <Modal
      open={open}
      title={t('review.lock.title')}
      okText={t('review.lock.confirm')}
      okButtonProps={{ danger: true, loading: lock.isPending }}
      onCancel={() => {
        lock.reset();
        onClose();
      }}
      onOk={() =>
        lock.mutate(
          { month, ...(scope === WHOLE_DISTRICT ? {} : { communityId: scope }) },
          {
            onSuccess: (result) => {
              void message.success(
                t('review.lock.done', {
                  month: monthLabel(month, i18n.language),
                  count: result.lockedReports,
                }),
              );
              onClose();
            },
          },
        )
      }
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('review.lock.body')}
        </Typography.Paragraph>
        <label htmlFor="lock-month">{t('review.lock.month')}</label>
        <Select
          id="lock-month"
          value={month}
          onChange={(value: string) => {
            setMonth(value);
            lock.reset();
          }}
          options={months.map((m) => ({ value: m, label: monthLabel(m, i18n.language) }))}
        />
        <label htmlFor="lock-scope">{t('review.lock.scope')}</label>
        <Select
          id="lock-scope"
          showSearch={{ optionFilterProp: 'label' }}
          value={scope}
          onChange={(value: string) => {
            setScope(value);
            lock.reset();
          }}
          options={[
            { value: WHOLE_DISTRICT, label: t('review.lock.wholeDistrict') },
            ...communities.map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
        {lock.error ? <Alert type="error" showIcon title={lock.error.message} /> : null}
      </Flex>
    </Modal>
  );
}
