/** ECharts with only the charts and components the portal draws (keeps the bundle modest). */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

const charts = new Set<ReturnType<typeof init>>();
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

/** A chart in `element`; charts of a previous view are disposed when their element leaves the page. */
export function chart(element: HTMLElement, option: ChartOption): void {
  for (const c of charts) {
    if (!c.getDom().isConnected) {
      c.dispose();
      charts.delete(c);
    }
  }
  const instance = init(element, undefined, { renderer: 'canvas' });
  instance.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, "Noto Sans CJK SC", sans-serif' }, ...option });
  charts.add(instance);
}

/** Long labels shortened for an axis (the full label stays in the tooltip). */
export const short = (label: string, max = 10) => (label.length > max ? `${label.slice(0, max)}…` : label);
