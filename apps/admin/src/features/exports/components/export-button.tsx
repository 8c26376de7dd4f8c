import { DownloadOutlined, FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import type { ExportFormat, ExportView } from '@gongfu/contract';
import { App, Button, Dropdown, Grid } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../lib/i18n';
import { downloadExport } from '../download';

export interface ExportButtonProps {
  view: ExportView;
  /** the page's current filters, as the view's own query parameters (undefined and '' are left out) */
  params?: Readonly<Record<string, string | number | boolean | undefined | null>>;
  size?: 'small' | 'middle';
  /**
   * the button's words, and its name on a phone: there it shows the short 导出 beside its icon (its icon alone
   * when `compact`); default 导出
   */
  label?: string;
  /** what the file holds, on hover (default: the label) */
  hint?: string;
  /**
   * on a phone, the icon alone: for a card's header, where beside the card's title and pickers even 导出 pushed
   * the title out. The card that holds the button says so (a desk shows the words either way).
   */
  compact?: boolean;
}

/**
 * 导出: a dropdown of Excel and CSV that downloads the view with the page's current filters. The file is made by the
 * API (same scope and filters as the screen, ADR 0018); this only fetches it, so no spreadsheet code reaches the
 * browser.
 */
export function ExportButton({
  view,
  params = {},
  size = 'middle',
  label,
  hint,
  compact = false,
}: ExportButtonProps) {
  const { t } = useTranslation();
  const text = label ?? t('exports.button');
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  // on a phone the short 导出 (an icon alone said nothing to most), or the icon alone where the holder asks
  const phone = Grid.useBreakpoint().sm === false;
  const shown = phone ? (compact ? null : t('exports.button')) : text;

  async function run(format: ExportFormat) {
    setBusy(true);
    const key = `export-${view}`;
    message.open({ key, type: 'loading', content: t('exports.working'), duration: 0 });
    try {
      const name = await downloadExport(view, format, params, currentLanguage());
      message.open({ key, type: 'success', content: t('exports.done', { name }) });
    } catch (error) {
      message.open({
        key,
        type: 'error',
        content: t('exports.failed', { message: error instanceof Error ? error.message : String(error) }),
        duration: 6,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'xlsx', icon: <FileExcelOutlined />, label: t('exports.excel') },
          { key: 'csv', icon: <FileTextOutlined />, label: t('exports.csv') },
        ],
        onClick: ({ key }) => void run(key as ExportFormat),
      }}
    >
      <Button
        size={size}
        icon={<DownloadOutlined />}
        loading={busy}
        data-export={view}
        aria-label={text}
        title={hint ?? text}
      >
        {shown}
      </Button>
    </Dropdown>
  );
}
