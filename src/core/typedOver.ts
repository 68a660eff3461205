/**
 * Template formulas a typed value replaced, in a workbook read from a file (the offline .xlsx): the cells of
 * the Evaluation tab's computed columns (Achievement, Status) and of the Costs panel (totals and the
 * input-output ratio) that hold a value a person typed where the template put a formula. The report never
 * reads those cells (it recomputes every figure), but the person reading the workbook sees a figure that no
 * longer follows the data. A Google Sheet's are found by set-up's own plan (setup.ts overwrittenFormulaProblems).
 *
 * Which cells held formulas is read from the file: a computed column counts as the template's when at least one
 * of its data rows still holds a formula (a workbook a team typed by hand, with no formulas, is left alone); a
 * Costs panel value counts when it sits beside one of the panel's own labels.
 */
import { Bilingual } from './i18n';
import { normalizeLabel } from './options';
import { Problem } from './problems';
import { COST_SUMMARY, TabKey, tabSpec } from './schema';
import { columnLetter, isBlankCell, mapHeaders } from './table';
import { CellValue } from './values';

/** For each tab read, which cells hold a formula (same rows and columns as its grid). */
export type FormulaCells = Partial<Record<TabKey, readonly (readonly boolean[] | undefined)[]>>;

/** A typed value where a template formula belongs. */
export interface TypedOverFormula {
  readonly tab: TabKey;
  readonly row: number;
  readonly column: number;
  /** The Evaluation column key, or the Costs panel item key. */
  readonly key: string;
  readonly header: Bilingual;
  /** Replaced: the figure is no longer computed. Blocking: a value in a Google Sheet's spilling formula's way. */
  readonly kind: 'replaced' | 'blocking';
  readonly value: CellValue;
}

/** A typed value as a message quotes it: text as typed, a date as its ISO day. */
export function quotedValue(value: CellValue): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
}

/** The one problem for a typed value where a formula belongs (Check data, the report's notes, the command line). */
export function typedOverProblem(o: TypedOverFormula, fix: Bilingual): Problem {
  const cell = `${columnLetter(o.column)}${o.row}`;
  const value = quotedValue(o.value);
  const message: Bilingual = o.kind === 'replaced'
    ? { en: `${cell} holds the typed value "${value}" where the ${o.header.en} formula belongs, so this figure is not computed.`, zh: `${cell} 原应为“${o.header.zh}”公式，现为手工输入的“${value}”，该数字不再自动计算。` }
    : { en: `"${value}" typed in ${cell} blocks the ${o.header.en} formula, which fills the column from row 2 (it shows #REF!).`, zh: `${cell} 中手工输入的“${value}”挡住了从第 2 行填充整列的“${o.header.zh}”公式（显示 #REF!）。` };
  return {
    code: 'formula_overwritten', severity: 'error', tab: o.tab, row: o.row, ...(o.tab === 'evaluation' ? { column: o.key } : {}), value, message, fix,
  };
}

/** The file's fix: an Evaluation row's formula is in the rows around it (the template fills every row). */
const ROW_FORMULA_FIX: Bilingual = {
  en: 'Copy the formula back from the cell above or below in the same column. The report computes this figure itself either way.',
  zh: '请从同一列上方或下方的单元格把公式复制回来。无论如何，报告都会自行计算该数字。',
};
/** Each Costs panel figure has its own formula: a new template has it in the same cell. */
const PANEL_FORMULA_FIX: Bilingual = {
  en: 'Copy the formula from the same cell of a new template (market-expansion template --out blank.xlsx). The report computes this figure itself either way.',
  zh: '请从新模板（market-expansion template --out blank.xlsx）的同一单元格复制公式。无论如何，报告都会自行计算该数字。',
};

function typedAt(grid: readonly (readonly CellValue[])[], formulas: readonly (readonly boolean[] | undefined)[], r: number, c: number): CellValue | null {
  const value = grid[r]?.[c];
  if (value === undefined || isBlankCell(value) || formulas[r]?.[c] === true) return null;
  return value;
}

/** Every typed value in a cell of the file where the template put a formula. */
export function typedOverFormulas(raw: Partial<Record<TabKey, readonly (readonly CellValue[])[]>>, formulas: FormulaCells): TypedOverFormula[] {
  const found: TypedOverFormula[] = [];
  const evaluation = raw.evaluation;
  const evaluationFormulas = formulas.evaluation;
  if (evaluation && evaluationFormulas) {
    const spec = tabSpec('evaluation');
    const header = mapHeaders(spec, evaluation[0] ?? []);
    const metricColumn = header.index.get('metric');
    // The rows that name a metric: the template's formulas fill those.
    const dataRows: number[] = [];
    for (let r = 1; r < evaluation.length; r++) {
      const line = evaluation[r] ?? [];
      if (metricColumn !== undefined && !isBlankCell(line[metricColumn] ?? '')) dataRows.push(r);
    }
    for (const column of spec.columns.filter((c) => c.formula)) {
      const at = header.index.get(column.key);
      if (at === undefined) continue;
      if (!dataRows.some((r) => evaluationFormulas[r]?.[at] === true)) continue;
      for (const r of dataRows) {
        const value = typedAt(evaluation, evaluationFormulas, r, at);
        if (value !== null) found.push({ tab: 'evaluation', row: r + 1, column: at + 1, key: column.key, header: column.header, kind: 'replaced', value });
      }
    }
  }
  const costs = raw.costs;
  const costsFormulas = formulas.costs;
  if (costs && costsFormulas) {
    const labels = new Map(COST_SUMMARY.flatMap((item) => [[normalizeLabel(item.label.en), item], [normalizeLabel(item.label.zh), item]] as const));
    costs.forEach((line, r) => line.forEach((cell, c) => {
      const item = typeof cell === 'string' ? labels.get(normalizeLabel(cell)) : undefined;
      if (!item || r === 0) return;
      const value = typedAt(costs, costsFormulas, r, c + 1);
      if (value !== null) found.push({ tab: 'costs', row: r + 1, column: c + 2, key: item.key, header: item.label, kind: 'replaced', value });
    }));
  }
  return found;
}

/** Check data's problems for them, with the file's fix. */
export function typedOverFormulaProblems(raw: Partial<Record<TabKey, readonly (readonly CellValue[])[]>>, formulas: FormulaCells): Problem[] {
  return typedOverFormulas(raw, formulas).map((o) => typedOverProblem(o, o.tab === 'costs' ? PANEL_FORMULA_FIX : ROW_FORMULA_FIX));
}
