/**
 * Charts embedded in a sheet (Sheet.newChart / insertChart / getCharts / removeChart), recorded with what
 * Apps Script keeps of them: the chart type, the data ranges, the anchor cell and offsets, and the options set
 * (title, width, height…). They are not drawn; an export lists them. Reference:
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder
 */
import type { Runtime } from './runtime';

type GBuilder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
type GChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;

/** The range a chart draws, as a plain record (a chart outlives the EmuRange object it was built from). */
export interface ChartRange {
  readonly sheetName: string;
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
  readonly a1: string;
}

export interface ChartSpec {
  chartType: string;
  ranges: ChartRange[];
  /** The Range objects given to addRange, returned by getRanges as Apps Script does. */
  rangeObjects: RangeLike[];
  anchorRow: number;
  anchorColumn: number;
  offsetX: number;
  offsetY: number;
  options: Record<string, unknown>;
}

export interface RangeLike {
  getA1Notation(): string;
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  getSheet(): { getName(): string };
}

export class EmuEmbeddedChart {
  // Numbered per emulator, not per process: an emulator's charts do not depend on what other emulators did first.
  readonly id: string;
  constructor(private readonly rt: Runtime, readonly spec: ChartSpec) {
    this.id = `chart-${rt.nextChartId()}`;
  }
  getChartId(): number {
    this.rt.hit('EmbeddedChart.getChartId');
    return Number(this.id.slice('chart-'.length));
  }
  getRanges(): RangeLike[] {
    this.rt.hit('EmbeddedChart.getRanges');
    return [...this.spec.rangeObjects];
  }
  getOptions(): { get(option: string): unknown } {
    this.rt.hit('EmbeddedChart.getOptions');
    const options = { ...this.spec.options };
    return { get: (option: string) => options[option] ?? null };
  }
  getContainerInfo(): { getAnchorRow(): number; getAnchorColumn(): number; getOffsetX(): number; getOffsetY(): number } {
    this.rt.hit('EmbeddedChart.getContainerInfo');
    const { anchorRow, anchorColumn, offsetX, offsetY } = this.spec;
    return { getAnchorRow: () => anchorRow, getAnchorColumn: () => anchorColumn, getOffsetX: () => offsetX, getOffsetY: () => offsetY };
  }
  modify(): EmuEmbeddedChartBuilder {
    this.rt.hit('EmbeddedChart.modify');
    return new EmuEmbeddedChartBuilder(this.rt, { ...this.spec, ranges: [...this.spec.ranges], rangeObjects: [...this.spec.rangeObjects], options: { ...this.spec.options } }, this);
  }
}

export class EmuEmbeddedChartBuilder implements Pick<GBuilder, never> {
  constructor(private readonly rt: Runtime, private readonly spec: ChartSpec, readonly original: EmuEmbeddedChart | null = null) {}
  setChartType(type: unknown): this {
    this.rt.hit('EmbeddedChartBuilder.setChartType');
    this.spec.chartType = String(type);
    return this;
  }
  addRange(range: RangeLike): this {
    this.rt.hit('EmbeddedChartBuilder.addRange');
    this.spec.ranges.push({
      sheetName: range.getSheet().getName(), row: range.getRow(), column: range.getColumn(), rows: range.getNumRows(),
      columns: range.getNumColumns(), a1: range.getA1Notation(),
    });
    this.spec.rangeObjects.push(range);
    return this;
  }
  clearRanges(): this {
    this.rt.hit('EmbeddedChartBuilder.clearRanges');
    this.spec.ranges = [];
    this.spec.rangeObjects = [];
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    this.rt.hit('EmbeddedChartBuilder.setPosition');
    if (!(anchorRowPos >= 1) || !(anchorColPos >= 1)) throw new Error('Invalid argument: anchor');
    Object.assign(this.spec, { anchorRow: anchorRowPos, anchorColumn: anchorColPos, offsetX, offsetY });
    return this;
  }
  /** How many rows of the range are headers (series names). */
  setNumHeaders(headers: number): this {
    this.rt.hit('EmbeddedChartBuilder.setNumHeaders');
    this.spec.options.numHeaders = headers;
    return this;
  }
  setOption(option: string, value: unknown): this {
    this.rt.hit('EmbeddedChartBuilder.setOption');
    this.spec.options[option] = value;
    return this;
  }
  build(): EmuEmbeddedChart {
    this.rt.hit('EmbeddedChartBuilder.build');
    if (this.spec.ranges.length === 0) throw new Error('Exception: The chart has no data. Add a range with addRange.');
    return new EmuEmbeddedChart(this.rt, { ...this.spec, ranges: [...this.spec.ranges], rangeObjects: [...this.spec.rangeObjects], options: { ...this.spec.options } });
  }
}

/** The charts of one sheet. */
export class SheetCharts {
  readonly charts: EmuEmbeddedChart[] = [];
  constructor(private readonly rt: Runtime) {}
  newChart(): EmuEmbeddedChartBuilder {
    this.rt.hit('Sheet.newChart');
    return new EmuEmbeddedChartBuilder(this.rt, { chartType: 'COLUMN', ranges: [], rangeObjects: [], anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0, options: {} });
  }
  insertChart(chart: EmuEmbeddedChart | GChart): void {
    this.rt.hit('Sheet.insertChart');
    this.charts.push(chart as EmuEmbeddedChart);
  }
  getCharts(): EmuEmbeddedChart[] {
    this.rt.hit('Sheet.getCharts');
    return [...this.charts];
  }
  removeChart(chart: EmuEmbeddedChart | GChart): void {
    this.rt.hit('Sheet.removeChart');
    const i = this.charts.indexOf(chart as EmuEmbeddedChart);
    if (i < 0) throw new Error('Exception: The chart is not on this sheet.');
    this.charts.splice(i, 1);
  }
  updateChart(chart: EmuEmbeddedChart | GChart): void {
    this.rt.hit('Sheet.updateChart');
    const updated = chart as EmuEmbeddedChart;
    const i = this.charts.findIndex((c) => c.id === updated.id);
    if (i >= 0) this.charts[i] = updated;
  }
}
