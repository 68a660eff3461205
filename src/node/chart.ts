/**
 * Draws a chart model (src/core/chart.ts) with Apache ECharts' server-side SVG renderer, and rasterises
 * the SVG with resvg (@resvg/resvg-js, prebuilt binary from the npm registry) using a bundled CJK font
 * (Noto Sans SC from @embedpdf/fonts-sc, SIL OFL 1.1), never the system's fonts: a chart reads the same
 * on a fresh machine as here, in English and in Chinese. Node only: nothing here reaches Apps Script.
 */
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { fonts as bundledFontFiles } from '@embedpdf/fonts-sc';
import * as echarts from 'echarts';
import type { ChartModel, ChartSeries } from '../core/chart';
import { textEms } from '../core/document';
import { formatNumber } from '../core/format';

/** Size a chart is laid out at, in CSS pixels; the PNG is drawn at `PNG_SCALE` times that for print. */
export const CHART_SIZE = { width: 680, height: 380 } as const;
export const PNG_SCALE = 2;

/** The family name inside the bundled font files (Noto Sans CJK SC, as "Noto Sans S Chinese"). */
export const CHART_FONT_FAMILY = 'Noto Sans S Chinese';

const TEXT_COLOR = '#202124';
const AXIS_COLOR = '#5f6368';
const GRID_COLOR = '#e0e0e0';

/** The bundled font files the rasteriser loads (regular and bold). */
export function chartFontFiles(): string[] {
  const dir = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  return bundledFontFiles.filter((f) => f.weight === 400 || f.weight === 700).map((f) => join(dir, f.file));
}

function labelText(value: unknown, suffix: string): string {
  return typeof value === 'number' && Number.isFinite(value) ? `${formatNumber(value)}${suffix}` : '';
}

/** Hatching on target bars, so target and actual read apart in greyscale print. */
const TARGET_DECAL = { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: -Math.PI / 4, color: 'rgba(32,33,36,0.35)' };

function seriesOption(s: ChartSeries, index: number, chart: ChartModel): Record<string, unknown> {
  const suffix = s.labelSuffix ?? '';
  const data = s.values.map((v, i) => {
    const color = s.pointColors?.[i] ?? null;
    if (v === null) return '-';
    return color === null ? v : { value: v, itemStyle: { color } };
  });
  const common = {
    name: s.name, data, yAxisIndex: s.axis === 'secondary' ? 1 : 0,
    label: { show: s.labels, position: 'top', color: TEXT_COLOR, fontSize: 11, formatter: (p: { value: unknown }) => labelText(p.value, suffix) },
    ...(index === 0 && chart.referenceLine ? {
      markLine: {
        symbol: 'none', silent: true, lineStyle: { color: AXIS_COLOR, type: 'dashed', width: 1 },
        label: { formatter: chart.referenceLine.label, position: 'insideEndTop', color: AXIS_COLOR, fontSize: 11 },
        data: [{ yAxis: chart.referenceLine.value }],
      },
    } : {}),
  };
  if (s.type === 'line') {
    return {
      ...common, type: 'line', connectNulls: false, symbol: s.dashed ? 'none' : 'circle', symbolSize: 6,
      itemStyle: { color: s.color }, lineStyle: { color: s.color, width: 2, type: s.dashed ? 'dashed' : 'solid' },
      label: { ...common.label, show: s.labels },
    };
  }
  const inside = s.role === 'cost';
  return {
    ...common, type: 'bar', barMaxWidth: 42, barGap: '15%',
    // Cost bars carry their figure inside, so a line's labels above them never collide with it.
    label: { ...common.label, position: inside ? 'insideTop' : 'top', color: inside ? '#ffffff' : TEXT_COLOR, fontWeight: inside ? 'bold' : 'normal' },
    itemStyle: { color: s.color, ...(s.role === 'target' ? { decal: TARGET_DECAL, borderColor: '#80868b', borderWidth: 1 } : {}) },
  };
}

/** The ECharts option for a chart model: every word of the model is on the chart. */
export function chartOption(chart: ChartModel, size: { width: number; height: number } = CHART_SIZE): Record<string, unknown> {
  const left = 64;
  const right = chart.secondaryAxis ? 70 : 24;
  const plotWidth = size.width - left - right;
  const perCategory = plotWidth / Math.max(1, chart.categories.length);
  // Category labels wrap to a second line when they are wider than their slot; the axis title goes below them.
  const labelWidth = Math.max(36, perCategory - 6);
  const wraps = chart.categories.some((c) => textEms(c) * 11 > labelWidth);
  const categoryNameGap = wraps ? 44 : 30;
  // Series whose points are coloured by status are named in the legend by status, through empty stand-in series.
  const legendNames = chart.series.flatMap((s) => (s.pointLegend ? s.pointLegend.map((e) => e.name) : [s.name]));
  const standIns = chart.series.flatMap((s) => s.pointLegend ?? []).map((e) => ({
    name: e.name, type: 'line', data: [], itemStyle: { color: e.color }, lineStyle: { color: e.color }, silent: true,
  }));
  const valueAxis = (title: string, position: 'left' | 'right'): Record<string, unknown> => ({
    type: 'value', name: title, nameLocation: 'middle', nameGap: position === 'left' ? 46 : 52, position,
    nameTextStyle: { color: AXIS_COLOR, fontSize: 12 },
    axisLabel: { color: AXIS_COLOR, fontSize: 11, formatter: (v: number) => formatNumber(v) },
    splitLine: { show: position === 'left', lineStyle: { color: GRID_COLOR } },
  });
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_FONT_FAMILY, color: TEXT_COLOR },
    // The text width ECharts measures must match the bundled font: CJK text is drawn at 1 em per character.
    title: { text: chart.title, left: 'center', top: 8, textStyle: { fontSize: 15, fontWeight: 'bold', color: TEXT_COLOR, fontFamily: CHART_FONT_FAMILY } },
    legend: { bottom: 6, icon: 'roundRect', itemWidth: 16, itemHeight: 10, textStyle: { fontSize: 12, color: TEXT_COLOR }, data: legendNames },
    aria: { enabled: true, decal: { show: false }, label: { description: chart.caption } },
    grid: { left, right, top: 56, bottom: categoryNameGap + 52 },
    xAxis: {
      type: 'category', data: [...chart.categories], name: chart.categoryAxis.title, nameLocation: 'middle', nameGap: categoryNameGap,
      nameTextStyle: { color: AXIS_COLOR, fontSize: 12 },
      axisLabel: { interval: 0, color: TEXT_COLOR, fontSize: 11, width: labelWidth, overflow: 'break', hideOverlap: false },
      axisTick: { alignWithLabel: true }, axisLine: { lineStyle: { color: AXIS_COLOR } },
    },
    yAxis: [valueAxis(chart.valueAxis.title, 'left'), ...(chart.secondaryAxis ? [valueAxis(chart.secondaryAxis.title, 'right')] : [])],
    series: [...chart.series.map((s, i) => seriesOption(s, i, chart)), ...standIns],
  };
}

/** The chart as SVG text (ECharts' server-side renderer, no DOM). */
export function chartSvg(chart: ChartModel, size: { width: number; height: number } = CHART_SIZE): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    instance.setOption(chartOption(chart, size));
    return instance.renderToSVGString();
  } finally {
    // Without dispose, ECharts keeps an animation timer that holds the process open.
    instance.dispose();
  }
}

/** Recent rasterisations: loading the 8 MB CJK font dominates, and a run often draws the same chart again (a Doc and its export). */
const recent = new Map<string, Buffer>();
const RECENT_MAX = 16;

/** SVG rasterised to PNG with the bundled font only (system fonts are never loaded). */
export function svgToPng(svg: string, scale = PNG_SCALE): Buffer {
  const key = `${scale}:${svg}`;
  const cached = recent.get(key);
  if (cached) return cached;
  const png = rasterise(svg, scale);
  recent.set(key, png);
  if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
  return png;
}

function rasterise(svg: string, scale: number): Buffer {
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: false, fontFiles: chartFontFiles(), defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
  });
  return Buffer.from(resvg.render().asPng());
}

/** The chart as a PNG image, `PNG_SCALE` times its layout size. */
export function chartPng(chart: ChartModel, size: { width: number; height: number } = CHART_SIZE, scale = PNG_SCALE): Buffer {
  return svgToPng(chartSvg(chart, size), scale);
}
