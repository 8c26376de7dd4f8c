import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { daysUntil } from '../format';

/** "还剩 N 天" / "今天截止" / "已逾期 N 天" — with an icon and words, not colour alone. */
export function DeadlineTag({ dueDate, now }: { dueDate: string; now?: Date }) {
  const { t } = useTranslation();
  const days = daysUntil(dueDate, now);
  if (days < 0) {
    return (
      <Tag color="error" icon={<ExclamationCircleOutlined />}>
        {t('reporting.todo.overdue', { count: -days })}
      </Tag>
    );
  }
  return (
    <Tag color={days <= 3 ? 'warning' : 'default'} icon={<ClockCircleOutlined />}>
      {days === 0 ? t('reporting.todo.dueToday') : t('reporting.todo.daysLeft', { count: days })}
    </Tag>
  );
}
