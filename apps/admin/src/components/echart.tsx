import { type CSSProperties, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type EChartsInstance, type EChartsOption, echarts } from '../lib/echarts';

/** Event name → handler, e.g. `{ click: (params) => … }`. Kept in a ref: changing a handler never rebuilds the chart. */
export type EChartHandlers = Record<string, (params: unknown, chart: EChartsInstance) => void>;

export interface EChartProps {
  option: EChartsOption;
  /** Accessible name of the chart region. */
  label: string;
  handlers?: EChartHandlers;
  /** A registered theme name or a theme object; applied with `setTheme` without rebuilding. */
  theme?: string | object;
  height?: number | string;
  style?: CSSProperties;
  className?: string;
  /** Called once with the instance (e.g. to call `getDataURL` for print). */
  onReady?: (chart: EChartsInstance) => void;
}

/**
 * A thin ECharts wrapper: init in a layout effect, resize with the container, `setOption` on change, handlers
 * in a ref, `dispose` on unmount. Accessibility (`aria`) is always on, with decals so colour is not the only cue;
 * no animation for people who prefer reduced motion.
 */
export function EChart({
  option,
  label,
  handlers,
  theme,
  height = 300,
  style,
  className,
  onReady,
}: EChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  // state, not a ref: the effects below run again for a new instance (after a locale change)
  const [chart, setChart] = useState<EChartsInstance | null>(null);
  const handlersRef = useRef(handlers);
  const onReadyRef = useRef(onReady);
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'EN' : 'ZH';

  handlersRef.current = handlers;
  onReadyRef.current = onReady;

  // (Re)create when the locale changes: ECharts takes its locale (tooltips, aria text) at init only.
  useLayoutEffect(() => {
    const element = containerRef.current;
    if (!element) return;
    const instance = echarts.init(element, null, { renderer: 'svg', locale });
    setChart(instance);
    onReadyRef.current?.(instance);

    const observer = new ResizeObserver(() => {
      if (!instance.isDisposed()) instance.resize();
    });
    observer.observe(element);

    return () => {
      observer.disconnect();
      instance.dispose();
      setChart(null);
    };
  }, [locale]);

  // Forward every event name present at mount time through the ref, so new handler functions are used as-is.
  const eventNames = Object.keys(handlers ?? {})
    .sort()
    .join(',');
  useEffect(() => {
    if (!chart || !eventNames) return;
    const names = eventNames.split(',');
    const listeners = names.map((name) => {
      const listener = (params: unknown) => handlersRef.current?.[name]?.(params, chart);
      chart.on(name, listener);
      return [name, listener] as const;
    });
    return () => {
      if (chart.isDisposed()) return;
      for (const [name, listener] of listeners) chart.off(name, listener);
    };
  }, [chart, eventNames]);

  useEffect(() => {
    chart?.setOption(withAria(option), { notMerge: true });
  }, [chart, option]);

  useEffect(() => {
    if (chart && theme !== undefined) chart.setTheme(theme as Parameters<EChartsInstance['setTheme']>[0]);
  }, [chart, theme]);

  // ECharts writes its own spoken description (aria-label) onto the chart element; the figure carries our title.
  return (
    <figure aria-label={label} className={className} style={{ margin: 0, ...style }}>
      <div ref={containerRef} style={{ width: '100%', height }} />
    </figure>
  );
}

function withAria(option: EChartsOption): EChartsOption {
  const aria = (option.aria ?? {}) as Record<string, unknown>;
  const still = prefersReducedMotion() ? { animation: false } : {};
  return { ...option, ...still, aria: { decal: { show: true }, ...aria, enabled: true } };
}

/** The person asked their system for less motion: charts appear drawn, without growing into place. */
function prefersReducedMotion(): boolean {
  return (
    typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches
  );
}
