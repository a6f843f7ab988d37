/**
 * One ECharts chart in a div, drawn on a canvas. Only the parts the console uses are imported
 * (core, bar and line series, grid/tooltip/legend, the canvas renderer), and the report page
 * loads this module lazily, so ECharts is fetched only when a manager opens 统计报表.
 */
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** Colours with enough contrast on white, told apart also by the legend's order and labels. */
export const CHART_COLORS = ['#1d5fc4', '#1a7f45', '#c8102e', '#b25e00', '#6a3fb5'];

/**
 * `label` is what a screen reader hears for the chart (the canvas itself says nothing): the
 * container is an image with that name; the figures are in the table beside it.
 */
export function EChart({ option, label, testId, height }: { option: ChartOption; label: string; testId: string; height: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const el = box.current!;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ color: CHART_COLORS, textStyle: { fontFamily: 'inherit' }, animation: false, ...option }, { notMerge: true });
  }, [option]);
  return <div ref={box} className="echart" role="img" aria-label={label} data-testid={testId} style={{ height }} />;
}

export default EChart;
