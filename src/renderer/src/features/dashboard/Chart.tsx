import { useEffect, useRef } from 'react';
import type { EChartsOption } from 'echarts';

export interface ChartProps {
  option: EChartsOption;
  height?: number;
  testId: string;
  /** The plotted numbers, exposed for end-to-end checks. */
  series: Record<string, number>;
}

/** An ECharts chart; the library is loaded on first use so the rest of the app does not carry it. */
export function Chart({ option, height = 260, testId, series }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<import('echarts').ECharts | null>(null);

  useEffect(() => {
    let disposed = false;
    const observer = new ResizeObserver(() => chart.current?.resize());
    void import('echarts').then((echarts) => {
      if (disposed || !element.current) return;
      // SVG: crisp at any zoom, and its labels are text a test can read.
      chart.current ??= echarts.init(element.current, undefined, { renderer: 'svg' });
      chart.current.setOption(option, true);
      element.current.dataset.rendered = 'true';
      observer.observe(element.current);
    });
    return () => {
      disposed = true;
      observer.disconnect();
    };
  }, [option]);

  useEffect(() => () => chart.current?.dispose(), []);

  return <div ref={element} style={{ height, width: '100%' }} data-testid={testId} data-series={JSON.stringify(series)} />;
}
