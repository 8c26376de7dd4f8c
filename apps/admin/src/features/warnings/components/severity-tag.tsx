import { ExclamationCircleFilled, WarningFilled } from '@ant-design/icons';
import { WARNING_SEVERITY_LABELS, type WarningSeverity } from '@gongfu/domain';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { label } from '../../funds/format';

/** 红色预警 / 黄色预警: colour, icon and words, so colour is never the only signal. */
export function SeverityTag({ severity }: { severity: WarningSeverity }) {
  const { i18n } = useTranslation();
  return (
    <Tag
      color={severity === 'red' ? 'red' : 'gold'}
      icon={severity === 'red' ? <ExclamationCircleFilled /> : <WarningFilled />}
      data-severity={severity}
    >
      {label(WARNING_SEVERITY_LABELS[severity], i18n.language)}
    </Tag>
  );
}
