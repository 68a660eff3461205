/**
 * A chart as a plain model: what it shows and every word on it (title, axis titles, series names for
 * the legend, category labels), in one language. Renderers draw it: Apache ECharts on the Node side
 * (the .docx and the emulator), the Apps Script Charts service in the Google Doc. Nothing here
 * knows how it is drawn.
 */
import type { Status } from './metrics';
import { STATUS_COLORS } from './colors';

/** How a series reads in the legend and in greyscale print: each role has its own colour and pattern. */
export type SeriesRole = 'target' | 'actual' | 'expected' | 'cost' | 'rate';

export interface ChartSeries {
  /** The legend entry. */
  readonly name: string;
  /** One value per category; null is "no data" (no bar, a gap in a line), never 0. */
  readonly values: readonly (number | null)[];
  readonly type: 'bar' | 'line';
  readonly role: SeriesRole;
  /** `#rrggbb` of the series; bars may override it per point with `pointColors`. */
  readonly color: string;
  /** A colour per value (e.g. the metric's status), or null to keep the series colour. */
  readonly pointColors?: readonly (string | null)[];
  /**
   * Legend entries that stand for this series when its points are coloured (e.g. "Actual: on target",
   * "Actual: at risk"), in place of its own entry.
   */
  readonly pointLegend?: readonly { readonly name: string; readonly color: string }[];
  /** Draw the value on each bar or point, formatted as `labelSuffix` says. */
  readonly labels: boolean;
  /** Appended to each data label: '%' for rates. */
  readonly labelSuffix?: string;
  /** 'secondary': the right-hand value axis (a different unit, e.g. cost per customer beside total cost). */
  readonly axis: 'primary' | 'secondary';
  /** Dashed lines (expected pace) read apart from solid ones in greyscale. */
  readonly dashed?: boolean;
}

export interface ChartAxis {
  readonly title: string;
}

export interface ChartModel {
  /** Stable id, e.g. `targetVsActual`: tests and renderers find a chart by it. */
  readonly id: string;
  readonly title: string;
  readonly categories: readonly string[];
  readonly categoryAxis: ChartAxis;
  readonly valueAxis: ChartAxis;
  /** Present when a series is drawn against the right-hand axis. */
  readonly secondaryAxis?: ChartAxis;
  readonly series: readonly ChartSeries[];
  /** A horizontal reference line on the primary axis (e.g. 100% = target), with its label. */
  readonly referenceLine?: { readonly value: number; readonly label: string };
  /** One sentence under the chart: what it shows and how to read it (also the image's alt text). */
  readonly caption: string;
}

/** Every word a chart shows, for tests and for alt text: title, axis titles, legend and category labels. */
export function chartWords(chart: ChartModel): string[] {
  return [
    chart.title, chart.categoryAxis.title, chart.valueAxis.title, ...(chart.secondaryAxis ? [chart.secondaryAxis.title] : []),
    ...chart.series.flatMap((s) => (s.pointLegend ? s.pointLegend.map((e) => e.name) : [s.name])), ...chart.categories, ...(chart.referenceLine ? [chart.referenceLine.label] : []),
  ].filter((w) => w.trim() !== '');
}

// ---------------------------------------------------------------------------------------------
// Colours: the status colours of the sheet, deep enough to fill a bar; grey for targets.

/** The target series: mid grey, so it prints as a light bar beside a darker actual. */
export const TARGET_SERIES_COLOR = '#bdc1c6';
/** Actual values that have no status (counts by month without a rate, costs). */
export const ACTUAL_SERIES_COLOR = '#1a73e8';
/** The expected pace: dark grey, drawn dashed. */
export const EXPECTED_SERIES_COLOR = '#5f6368';
/** A rate or cost per unit on the secondary axis. */
export const RATE_SERIES_COLOR = '#e37400';

function hexToRgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? h.split('').map((c) => c + c).join('') : h;
  const n = Number.parseInt(full, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rgbToHex(rgb: readonly number[]): string {
  return `#${rgb.map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The colour of a status, deep enough for a bar: the same hue as the light cell colour of the sheet
 * and the Doc (STATUS_COLORS), at about 45% lightness and full enough saturation to tell the statuses
 * apart on screen. In greyscale the data labels carry the figures.
 */
export function statusBarColor(status: Status): string {
  const [r, g, b] = hexToRgb(STATUS_COLORS[status]).map((c) => c / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  let hue = 0;
  if (max !== min) {
    const d = max - min;
    if (max === r) hue = ((g - b) / d + (g < b ? 6 : 0)) * 60;
    else if (max === g) hue = ((b - r) / d + 2) * 60;
    else hue = ((r - g) / d + 4) * 60;
  }
  // A grey status (no data) stays grey.
  const saturation = max === min ? 0 : 0.6;
  const lightness = 0.45;
  const c = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const x = c * (1 - Math.abs(((hue / 60) % 2) - 1));
  const m = lightness - c / 2;
  const [r1, g1, b1] = hue < 60 ? [c, x, 0] : hue < 120 ? [x, c, 0] : hue < 180 ? [0, c, x] : hue < 240 ? [0, x, c] : hue < 300 ? [x, 0, c] : [c, 0, x];
  return rgbToHex([(r1 + m) * 255, (g1 + m) * 255, (b1 + m) * 255]);
}
