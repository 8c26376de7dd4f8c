import { Link } from '@tanstack/react-router';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** Missing and out-of-scope look the same on purpose: the API answers 404 for both. */
export function CommunityNotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('community.detail.notFound')}
      subTitle={t('community.detail.notFoundSub')}
      extra={
        <Link to="/communities">
          <Button type="primary">{t('community.detail.backToList')}</Button>
        </Link>
      }
    />
  );
}
