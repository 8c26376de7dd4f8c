import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { can } from '@gongfu/domain';
import { App, Button, Card, DatePicker, Drawer, Flex, Grid, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shanghaiThisMonth } from '../../../lib/shanghai-time';
import { useActiveMembership } from '../../auth/api/get-me';
import { downloadTemplate } from '../api/workbook';
import { ImportWizard } from './import-wizard';

/**
 * Excel in, on the monthly reporting page: the template of a month (the open one by default) and the import wizard.
 * District roles download to read what is owed; only roles that report import.
 */
export function WorkbookCard({ month }: { month: string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const role = useActiveMembership()?.role;
  const [picked, setPicked] = useState(month);
  const [downloading, setDownloading] = useState(false);
  const [open, setOpen] = useState(false);
  const canImport = role !== undefined && can(role, 'report:create');

  const download = async () => {
    setDownloading(true);
    try {
      const name = await downloadTemplate(picked);
      void message.success(t('reporting.workbook.downloaded', { name }));
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Card title={t('reporting.workbook.title')} size="small">
      <Flex vertical gap={token.margin}>
        <Typography.Text type="secondary">
          {canImport ? t('reporting.workbook.intro') : t('reporting.workbook.readOnly')}
        </Typography.Text>
        <Flex gap={token.marginSM} wrap align="center">
          <DatePicker
            picker="month"
            allowClear={false}
            aria-label={t('reporting.workbook.month')}
            value={dayjs(`${picked}-01`)}
            disabledDate={(d) => d.format('YYYY-MM') > shanghaiThisMonth()}
            onChange={(value) => value && setPicked(value.format('YYYY-MM'))}
          />
          <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download()}>
            {t('reporting.workbook.download')}
          </Button>
          {canImport ? (
            <Button type="primary" icon={<UploadOutlined />} onClick={() => setOpen(true)}>
              {t('reporting.workbook.import')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
      <Drawer
        title={t('reporting.workbook.wizardTitle')}
        open={open}
        onClose={() => setOpen(false)}
        size={phone ? '100%' : 760}
        destroyOnHidden
      >
        <ImportWizard
          canSubmit={role !== undefined && can(role, 'report:submit')}
          onClose={() => setOpen(false)}
        />
      </Drawer>
    </Card>
  );
}
