import { Flex, Grid, Typography, theme } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Breadcrumbs } from './breadcrumbs';

export interface PageContainerProps {
  title: ReactNode;
  /** Plain-text title for the browser tab when `title` is not a string. */
  documentTitle?: string;
  subTitle?: ReactNode;
  /** Actions at the right of the title (buttons). */
  extra?: ReactNode;
  children?: ReactNode;
}

/** The page frame of every screen, after Ant Design Pro's PageContainer: breadcrumbs, title, actions, content. */
export function PageContainer({ title, documentTitle, subTitle, extra, children }: PageContainerProps) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  // on a phone the page keeps its width for content: 16 px margins, as the header's
  const gutter = Grid.useBreakpoint().sm === false ? token.padding : token.paddingLG;
  const tabTitle = documentTitle ?? (typeof title === 'string' ? title : undefined);

  useEffect(() => {
    document.title = tabTitle ? `${tabTitle} · ${t('app.shortName')}` : t('app.name');
  }, [tabTitle, t]);

  return (
    <div>
      <div
        style={{
          background: token.colorBgContainer,
          padding: `${token.paddingSM}px ${gutter}px ${token.padding}px`,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
        }}
      >
        <Breadcrumbs />
        <Flex
          justify="space-between"
          align="center"
          gap={token.margin}
          wrap
          style={{ marginTop: token.marginXS }}
        >
          <Flex align="baseline" gap={token.marginSM} wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {title}
            </Typography.Title>
            {subTitle ? <Typography.Text type="secondary">{subTitle}</Typography.Text> : null}
          </Flex>
          {/* on a phone four actions are wider than the screen: they wrap, never past its edge */}
          {extra ? (
            <Flex gap={token.marginXS} wrap>
              {extra}
            </Flex>
          ) : null}
        </Flex>
      </div>
      <div style={{ padding: gutter }}>{children}</div>
    </div>
  );
}
