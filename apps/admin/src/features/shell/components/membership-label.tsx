import type { Membership } from '@gongfu/contract';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** "东区 / 望江街社区 · 社区管理员": where the user acts and as what. */
export function MembershipLabel({ membership }: { membership: Membership | undefined }) {
  const { t } = useTranslation();
  if (!membership) return <Typography.Text type="secondary">{t('shell.noMembership')}</Typography.Text>;
  const place = [membership.districtName, membership.communityName ?? membership.partnerName]
    .filter((part): part is string => Boolean(part))
    .join(' / ');
  return (
    <Space size={4} align="center" aria-label={t('shell.membership')}>
      {place ? <Typography.Text>{place}</Typography.Text> : null}
      <Tag color="red" variant="filled">
        {t(`role.${membership.role}`)}
      </Tag>
    </Space>
  );
}
