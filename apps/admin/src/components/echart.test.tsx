import { render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { echarts } from '../lib/echarts';
import { EChart } from './echart';

const option = {
  xAxis: { type: 'category' as const, data: ['2026-09', '2026-10'] },
  yAxis: { type: 'value' as const },
  series: [{ type: 'bar' as const, data: [1, 2] }],
};

function drawn(container: HTMLElement) {
  const element = container.querySelector('figure > div') as HTMLDivElement;
  const chart = echarts.getInstanceByDom(element);
  if (!chart) throw new Error('no chart');
  return chart;
}

function preferReducedMotion(reduce: boolean) {
  vi.spyOn(window, 'matchMedia').mockImplementation(
    (query: string) =>
      ({
        matches: reduce && query === '(prefers-reduced-motion: reduce)',
        media: query,
        addEventListener: () => {},
        removeEventListener: () => {},
      }) as unknown as MediaQueryList,
  );
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('EChart', () => {
  it('animates by default, with the accessible description and decals on', async () => {
    preferReducedMotion(false);
    const { container } = render(<EChart option={option} label="营业收入" />);
    await waitFor(() => expect(container.querySelector('svg')).not.toBeNull());
    const set = drawn(container).getOption();
    expect(set.animation).not.toBe(false);
    expect(set.aria).toMatchObject({ enabled: true, decal: { show: true } });
  });

  it('draws without animation for a person who prefers reduced motion', async () => {
    preferReducedMotion(true);
    const { container } = render(<EChart option={option} label="营业收入" />);
    await waitFor(() => expect(container.querySelector('svg')).not.toBeNull());
    expect(drawn(container).getOption().animation).toBe(false);
  });
});
