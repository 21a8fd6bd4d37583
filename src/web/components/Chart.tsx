import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';

type Option = Parameters<echarts.ECharts['setOption']>[0];

interface Props {
  option: Option;
  height?: number;
  /** What the chart shows, for screen readers (the numbers are also in a table next to it). */
  label: string;
  /** A click on a data item (e.g. a bar), with its index in the series data. */
  onItemClick?: (dataIndex: number) => void;
}

/** An ECharts chart rendered into a div; it follows the container's width and is disposed on unmount. */
export function Chart({ option, height = 320, label, onItemClick }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onItemClick);
  click.current = onItemClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => {
      if (typeof p.dataIndex === 'number') click.current?.(p.dataIndex);
    });
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} data-testid="chart" />;
}
