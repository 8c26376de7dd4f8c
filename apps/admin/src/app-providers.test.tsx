import { QueryClient } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { Tag, Typography, theme } from 'antd';
import { describe, expect, it } from 'vitest';
import { AppProviders, THEME } from './app-providers';

/** WCAG's contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('the theme', () => {
  it('writes amber words dark enough to read on white (WCAG AA, 4.5:1)', () => {
    const token = theme.getDesignToken(THEME);
    expect(contrast(token.colorWarningText, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(token.colorWarningTextActive, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    // on the pale amber of a warning's background too
    expect(contrast(token.colorWarningText, token.colorWarningBg)).toBeGreaterThanOrEqual(4.5);
  });

  it('is the one the app renders with: a warning text takes the readable amber', () => {
    render(
      <AppProviders queryClient={new QueryClient()}>
        <Typography.Text type="warning">还剩 2 天</Typography.Text>
      </AppProviders>,
    );
    // antd colours through CSS variables, which jsdom does not resolve: the word takes the variable, and the
    // app's theme sets it
    expect(getComputedStyle(screen.getByText('还剩 2 天')).color).toBe('var(--ant-color-warning-text)');
    const styles = [...document.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n');
    expect(styles).toMatch(/--ant-color-warning-text:\s*#9a6700/i);
  });
});

describe('status tags', () => {
  it('write their word dark enough to read on their pale background', () => {
    const base = theme.getDesignToken(THEME);
    const tag = THEME.components.Tag;
    expect(contrast(tag.colorWarning, base.colorWarningBg)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(tag.colorSuccess, base.colorSuccessBg)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(tag.colorError, base.colorErrorBg)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(tag.colorInfo, base.colorInfoBg)).toBeGreaterThanOrEqual(4.5);
  });

  it('take those colours in the app', () => {
    render(
      <AppProviders queryClient={new QueryClient()}>
        <Tag color="warning">5 项需关注</Tag>
      </AppProviders>,
    );
    const styles = [...document.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n');
    // the tag's own scope redefines the colour its word is written in
    const tagScope = styles.match(/\.css-var-[^.{]*\.ant-tag\{[^}]*\}/)?.[0] ?? '';
    expect(tagScope).toMatch(/--ant-color-warning:#9a6700/i);
    expect(tagScope).toMatch(/--ant-color-success:#237804/i);
  });
});
