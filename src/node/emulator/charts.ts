/**
 * Charts: data tables and bar/column/line chart builders. The builder records every option it is given
 * (title, axis titles, legend position, colours, dimensions, advanced options), so tests can check the
 * words a chart carries; getAs('image/png') draws it with the same charting library as the .docx
 * (ECharts, src/node/chart.ts), from those options only.
 */
import type { ChartModel, ChartSeries } from '../../core/chart';
import { chartPng } from '../chart';
import type { Returning, Runtime } from './runtime';
import { EmuBlob } from './services';

export const ColumnType = { STRING: 'STRING', NUMBER: 'NUMBER', DATE: 'DATE', BOOLEAN: 'BOOLEAN' } as const;
export const ChartType = { BAR: 'BAR', COLUMN: 'COLUMN', LINE: 'LINE', PIE: 'PIE', AREA: 'AREA' } as const;
export const Position = { TOP: 'TOP', RIGHT: 'RIGHT', BOTTOM: 'BOTTOM', NONE: 'NONE' } as const;

/** @types declares DataTable with no members; the builders are checked instead. */
export type DataTableSlice = GoogleAppsScript.Charts.DataTable;

export class EmuDataTable implements DataTableSlice {
  constructor(private readonly rt: Runtime, readonly columns: Array<{ type: string; label: string }>, readonly rows: unknown[][]) {}
  getNumRows(): number {
    this.rt.hit('DataTable.getNumRows');
    return this.rows.length;
  }
  getNumColumns(): number {
    this.rt.hit('DataTable.getNumColumns');
    return this.columns.length;
  }
  getColumnLabel(columnIndex: number): string {
    this.rt.hit('DataTable.getColumnLabel');
    return this.columns[columnIndex]?.label ?? '';
  }
  getValue(rowIndex: number, columnIndex: number): unknown {
    this.rt.hit('DataTable.getValue');
    return this.rows[rowIndex]?.[columnIndex];
  }
}

export class EmuDataTableBuilder implements DataTableBuilderSlice {
  private columns: Array<{ type: string; label: string }> = [];
  private rows: unknown[][] = [];
  constructor(private readonly rt: Runtime) {}
  addColumn(type: GoogleAppsScript.Charts.ColumnType, label: string): this {
    this.rt.hit('DataTableBuilder.addColumn');
    this.columns.push({ type: String(type), label: String(label) });
    return this;
  }
  addRow(values: unknown[]): this {
    this.rt.hit('DataTableBuilder.addRow');
    if (!Array.isArray(values) || values.length !== this.columns.length) {
      throw new Error(`Invalid argument: values (expected ${this.columns.length} values, got ${Array.isArray(values) ? values.length : 0})`);
    }
    values.forEach((v, i) => {
      const t = this.columns[i]?.type;
      if (t === 'NUMBER' && typeof v !== 'number' && v !== null) throw new Error(`Invalid argument: value in column ${i} is not a number`);
    });
    this.rows.push([...values]);
    return this;
  }
  build(): EmuDataTable {
    this.rt.hit('DataTableBuilder.build');
    return new EmuDataTable(this.rt, [...this.columns], this.rows.map((r) => [...r]));
  }
}

export interface ChartOptions {
  kind: 'bar' | 'column' | 'line';
  title: string;
  width: number;
  height: number;
  xAxisTitle: string;
  yAxisTitle: string;
  colors: string[];
  stacked: boolean;
  legendPosition: string;
  data: EmuDataTable | null;
  /** Everything passed to setOption, by option name. */
  advanced: Record<string, unknown>;
}

/** Google Charts' default series colours, used when setColors was not called. */
const DEFAULT_COLORS = ['#3366cc', '#dc3912', '#ff9900', '#109618', '#990099', '#0099c6'];

type SeriesOption = { targetAxisIndex?: number; lineDashStyle?: unknown; type?: string };

/** The chart a Charts builder describes, as a chart model the Node renderer draws. */
export function modelOf(options: ChartOptions): ChartModel {
  const d = options.data;
  const columns = d?.columns ?? [];
  const rows = d?.rows ?? [];
  const seriesOptions = (options.advanced.series ?? {}) as Record<string, SeriesOption>;
  const vAxes = (options.advanced.vAxes ?? {}) as Record<string, { title?: string }>;
  const colors = options.colors.length > 0 ? options.colors : DEFAULT_COLORS;
  const series: ChartSeries[] = columns.slice(1).map((column, i) => {
    const extra = seriesOptions[String(i)] ?? {};
    const line = options.kind === 'line' || extra.type === 'line';
    return {
      name: column.label, type: line ? 'line' : 'bar', role: 'actual', color: colors[i % colors.length]!,
      values: rows.map((r) => (typeof r[i + 1] === 'number' ? (r[i + 1] as number) : null)),
      labels: false, axis: extra.targetAxisIndex === 1 ? 'secondary' : 'primary', dashed: extra.lineDashStyle !== undefined,
    };
  });
  const secondary = vAxes['1']?.title;
  return {
    id: options.title || 'chart', title: options.title,
    categories: rows.map((r) => String(r[0] ?? '')),
    categoryAxis: { title: options.xAxisTitle },
    valueAxis: { title: vAxes['0']?.title ?? options.yAxisTitle },
    ...(secondary !== undefined || series.some((s) => s.axis === 'secondary') ? { secondaryAxis: { title: secondary ?? '' } } : {}),
    // A legend at NONE is not drawn: the stand-in is a legend of no names.
    series: options.legendPosition === 'NONE' ? series.map((s) => ({ ...s, pointLegend: [] })) : series,
    caption: '',
  };
}

export class EmuChart implements ChartSlice {
  constructor(private readonly rt: Runtime, readonly options: ChartOptions) {}
  getAs(contentType: string): EmuBlob {
    this.rt.hit('Chart.getAs');
    if (contentType !== 'image/png') throw new Error(`Invalid argument: contentType (${contentType}); only image/png is emulated`);
    return new EmuBlob(this.rt, this.render(), 'image/png', `${this.options.title || 'chart'}.png`);
  }
  getBlob(): EmuBlob {
    this.rt.hit('Chart.getBlob');
    return new EmuBlob(this.rt, this.render(), 'image/png', `${this.options.title || 'chart'}.png`);
  }
  /** The PNG bytes (host helper), exactly the builder's dimensions in pixels, as the Charts service draws it. */
  render(): Buffer {
    return chartPng(modelOf(this.options), { width: this.options.width, height: this.options.height }, 1);
  }
}

const BUILDER_NAME = { bar: 'BarChartBuilder', column: 'ColumnChartBuilder', line: 'LineChartBuilder' } as const;

export class EmuChartBuilder implements ChartBuilderSlice {
  private readonly o: ChartOptions;
  constructor(private readonly rt: Runtime, kind: ChartOptions['kind'], private readonly built: EmuChart[]) {
    this.o = { kind, title: '', width: 600, height: 371, xAxisTitle: '', yAxisTitle: '', colors: [], stacked: false, legendPosition: 'RIGHT', data: null, advanced: {} };
  }
  private hit(m: string): this {
    this.rt.hit(`${BUILDER_NAME[this.o.kind]}.${m}`);
    return this;
  }
  setTitle(title: string): this {
    this.o.title = title;
    return this.hit('setTitle');
  }
  setDataTable(table: EmuDataTable | EmuDataTableBuilder | GoogleAppsScript.Charts.DataTableBuilder | GoogleAppsScript.Charts.DataTableSource): this {
    this.hit('setDataTable');
    if (table instanceof EmuDataTableBuilder) this.o.data = table.build();
    else if (table instanceof EmuDataTable) this.o.data = table;
    else throw new Error('Invalid argument: table');
    return this;
  }
  setDimensions(width: number, height: number): this {
    this.o.width = Math.max(1, Math.round(width));
    this.o.height = Math.max(1, Math.round(height));
    return this.hit('setDimensions');
  }
  setXAxisTitle(title: string): this {
    this.o.xAxisTitle = title;
    return this.hit('setXAxisTitle');
  }
  setYAxisTitle(title: string): this {
    this.o.yAxisTitle = title;
    return this.hit('setYAxisTitle');
  }
  setColors(cssValues: string[]): this {
    this.o.colors = [...cssValues];
    return this.hit('setColors');
  }
  setStacked(): this {
    this.o.stacked = true;
    return this.hit('setStacked');
  }
  setLegendPosition(position: GoogleAppsScript.Charts.Position): this {
    if (!Object.values(Position).includes(String(position) as never)) throw new Error('Invalid argument: position');
    this.o.legendPosition = String(position);
    return this.hit('setLegendPosition');
  }
  setOption(option: string, value: unknown): this {
    if (typeof option !== 'string' || option === '') throw new Error('Invalid argument: option');
    this.o.advanced[option] = value;
    return this.hit('setOption');
  }
  build(): EmuChart {
    this.hit('build');
    if (!this.o.data) throw new Error('A data table is required to build a chart.');
    const chart = new EmuChart(this.rt, { ...this.o, colors: [...this.o.colors], advanced: { ...this.o.advanced } });
    this.built.push(chart);
    return chart;
  }
}

export class EmuCharts implements ChartsSlice {
  readonly ColumnType = ColumnType;
  readonly ChartType = ChartType;
  readonly Position = Position;
  /** Every chart built, in order (host helper: tests read the words each chart was given). */
  readonly built: EmuChart[] = [];
  constructor(private readonly rt: Runtime) {}
  newBarChart(): EmuChartBuilder {
    this.rt.hit('Charts.newBarChart');
    return new EmuChartBuilder(this.rt, 'bar', this.built);
  }
  newColumnChart(): EmuChartBuilder {
    this.rt.hit('Charts.newColumnChart');
    return new EmuChartBuilder(this.rt, 'column', this.built);
  }
  newLineChart(): EmuChartBuilder {
    this.rt.hit('Charts.newLineChart');
    return new EmuChartBuilder(this.rt, 'line', this.built);
  }
  newDataTable(): EmuDataTableBuilder {
    this.rt.hit('Charts.newDataTable');
    return new EmuDataTableBuilder(this.rt);
  }
}

export type DataTableBuilderSlice = Returning<GoogleAppsScript.Charts.DataTableBuilder, 'addColumn' | 'addRow', EmuDataTableBuilder> &
  Returning<GoogleAppsScript.Charts.DataTableBuilder, 'build', EmuDataTable>;
export type ChartBuilderSlice = Returning<GoogleAppsScript.Charts.ColumnChartBuilder,
  'setTitle' | 'setDataTable' | 'setDimensions' | 'setXAxisTitle' | 'setYAxisTitle' | 'setColors' | 'setStacked' | 'setLegendPosition' | 'setOption',
  EmuChartBuilder> & Returning<GoogleAppsScript.Charts.ColumnChartBuilder, 'build', EmuChart>;
export type ChartSlice = Returning<GoogleAppsScript.Charts.Chart, 'getAs' | 'getBlob', EmuBlob>;
export type ChartsSlice = Returning<GoogleAppsScript.Charts.Charts, 'newBarChart' | 'newColumnChart' | 'newLineChart', EmuChartBuilder> &
  Returning<GoogleAppsScript.Charts.Charts, 'newDataTable', EmuDataTableBuilder>;
