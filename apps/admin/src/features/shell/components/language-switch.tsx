import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../../../lib/i18n';

/** One button: switches between 中文 and English and remembers the choice in localStorage. */
export function LanguageSwitch({ type = 'text' }: { type?: 'text' | 'default' }) {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    <Button
      type={type}
      icon={<GlobalOutlined />}
      lang={next}
      title={t('lang.label')}
      onClick={() => void changeLanguage(next)}
    >
      {t('lang.switchTo')}
    </Button>
  );
}
