import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, Grid } from 'antd';
import type { ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { antdLocaleOf, i18n } from './lib/i18n';

/**
 * The brand red is for actions and the selected menu entry. A field being typed in is outlined in blue: a red outline
 * read as an error (which antd also draws in red).
 */
const FOCUS = {
  activeBorderColor: '#1677ff',
  hoverBorderColor: '#4096ff',
  activeShadow: '0 0 0 2px rgba(5, 145, 255, 0.12)',
};
/**
 * Amber words (a flag's reason, 还剩 2 天, 5 项需关注) in antd's #faad14 are 1.9:1 on white, too faint to read; this
 * is the same amber darkened to 4.9:1, past WCAG AA for text. Icons, borders and tags keep the bright amber.
 */
const WARNING_TEXT = '#9a6700';

export const THEME = {
  token: {
    colorPrimary: '#c41d1d',
    borderRadius: 6,
    colorWarningText: WARNING_TEXT,
    colorWarningTextActive: '#7d5300',
  },
  components: {
    Layout: { headerHeight: 56, siderBg: '#fff' },
    // "Label: value" with the colon against its label (antd's 2 px before it read as "Label ：" in screenshots)
    Descriptions: { colonMarginLeft: 0 },
    // a status tag's word (已逾期 3 天, 已通过, 5 项需关注) on its pale background: antd writes it in the bright
    // mark colour, 2.2:1 to 3.7:1; these are the same hues at 4.7:1 to 5.5:1
    Tag: { colorWarning: WARNING_TEXT, colorSuccess: '#237804', colorError: '#cf1322', colorInfo: '#0958d9' },
    Input: FOCUS,
    InputNumber: FOCUS,
    DatePicker: FOCUS,
    Select: {
      activeBorderColor: FOCUS.activeBorderColor,
      hoverBorderColor: FOCUS.hoverBorderColor,
      activeOutlineColor: 'rgba(5, 145, 255, 0.12)',
    },
  },
} as const;

/** On a phone cards keep 16 px inside (24 on each side of a 390 px screen, twice, left a column of 294 px). */
const PHONE_THEME = {
  ...THEME,
  components: { ...THEME.components, Card: { bodyPadding: 16, headerPadding: 16 } },
} as const;

function LocalizedConfig({ children }: { children: ReactNode }) {
  const { i18n: instance } = useTranslation();
  const phone = Grid.useBreakpoint().sm === false;
  return (
    <ConfigProvider locale={antdLocaleOf(instance.language)} theme={phone ? PHONE_THEME : THEME}>
      {children}
    </ConfigProvider>
  );
}

export function AppProviders({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <LocalizedConfig>{children}</LocalizedConfig>
      </I18nextProvider>
    </QueryClientProvider>
  );
}
