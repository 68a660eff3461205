import fc from 'fast-check';
import { checkWorkbook } from '../../src/core/checks';
import { retargetSheetRefs, sheetRef } from '../../src/core/sheetRefs';
import { exampleData } from '../../src/core/example';
import { Lang, pick } from '../../src/core/i18n';
import { RawWorkbook, TimeContext, readWorkbook } from '../../src/core/model';
import {
  GridWrite, RolloverPlan, archiveName, carriedDate, changedTabs, dayInNextCycle, describeRollover, literal, movedFormula, planRollover,
  planSignature, withoutCarriedMarkers,
} from '../../src/core/rollover';
import { COST_SUMMARY, SETTINGS, TABS, TabKey, tabSpec } from '../../src/core/schema';
import { CellValue, dayFromIso, isoFromDay, utcDayOf } from '../../src/core/values';

const time = (today: string): TimeContext => ({ today: dayFromIso(today), dayOf: utcDayOf });
const AFTER_Q3 = time('2023-10-02');

/** The worked example as grids, header row first, the way the Sheets adapter reads it. */
function exampleRaw(lang: Lang): RawWorkbook {
  const example = exampleData(lang);
  const raw: RawWorkbook = {};
  for (const spec of TABS) {
    if (spec.key === 'settings') {
      raw.settings = [
        spec.columns.map((c) => pick(c.header, lang)),
        ...SETTINGS.map((s) => [pick(s.label, lang), example.settings[s.key] ?? s.defaultValue, pick(s.help, lang)]),
      ];
      continue;
    }
    const rows = example.tabs[spec.key] ?? [];
    raw[spec.key] = [spec.columns.map((c) => pick(c.header, lang)), ...rows.map((r) => spec.columns.map((c) => r[c.key] ?? ''))];
  }
  return raw;
}

function plan(raw: RawWorkbook, lang: Lang = 'en', t: TimeContext = AFTER_Q3, sheetNames?: string[]): RolloverPlan {
  const result = planRollover(readWorkbook(raw, t), raw, t, lang, { sheetNames });
  if ('error' in result) throw new Error(result.error.en);
  return result;
}

/** What Sheets stores for a written value: a leading apostrophe only marks text. */
const stored = (v: CellValue): CellValue => (typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v);

/** The grids after the plan's writes (what the adapter would leave in each tab). */
function applied(raw: RawWorkbook, writes: readonly GridWrite[]): RawWorkbook {
  const out: RawWorkbook = {};
  for (const [key, grid] of Object.entries(raw) as [TabKey, CellValue[][]][]) out[key] = grid.map((r) => r.slice());
  for (const w of writes) {
    const grid = out[w.tab] ?? (out[w.tab] = []);
    w.values.forEach((line, i) => {
      const row = grid[w.row - 1 + i] ?? (grid[w.row - 1 + i] = []);
      line.forEach((v, j) => { row[w.column - 1 + j] = stored(v); });
    });
  }
  return out;
}

const col = (tab: TabKey, key: string): number => tabSpec(tab).columns.findIndex((c) => c.key === key);
const nonBlankRows = (grid: CellValue[][] | undefined): CellValue[][] =>
  (grid ?? []).slice(1).filter((r) => r.some((v) => v !== '' && v !== null && v !== undefined));

describe('planRollover on the worked example (East China, 2023 Q3)', () => {
  const raw = exampleRaw('en');
  const p = plan(raw);
  const after = applied(raw, p.writes);

  it('opens 2023 Q4 from 2023-10-01 to 2023-12-31', () => {
    expect(p.from.label).toBe('2023 Q3');
    expect(p.to).toEqual({ label: '2023 Q4', start: dayFromIso('2023-10-01'), end: dayFromIso('2023-12-31') });
    const settings = readWorkbook(after, AFTER_Q3).settings;
    expect(settings.cycle).toBe('2023 Q4');
    expect(settings.cycleStart).toBe(dayFromIso('2023-10-01'));
    expect(settings.cycleEnd).toBe(dayFromIso('2023-12-31'));
    expect(settings.team).toBe('East China sales team');
    expect(settings.managerEmails).toEqual(['director@example.com']);
    expect(p.propertyKey).toBe('rolledOver:2023 Q3');
  });

  it('archives every data tab (not Log, not the progress history, which keeps every cycle) under names with the cycle', () => {
    expect(p.archives.map((a) => a.tab)).toEqual(TABS.filter((t) => t.key !== 'log' && t.key !== 'history').map((t) => t.key));
    expect(p.archives.find((a) => a.tab === 'tracking')?.name).toBe('Archive 2023 Q3 — Tracking');
    expect(new Set(p.archives.map((a) => a.name)).size).toBe(p.archives.length);
  });

  it('carries the open task (row 4, owner Wang*) with a note of where it came from; done tasks are not carried', () => {
    expect(p.carriedTasks).toEqual([{
      fromRow: 4, text: 'Follow up new-customer contracts', owners: ['Wang*'],
      dates: [
        { column: 'plannedDate', from: dayFromIso('2023-07-31'), to: dayFromIso('2023-10-31') },
        { column: 'nextStepDue', from: dayFromIso('2023-08-10'), to: dayFromIso('2023-11-10') },
      ],
    }]);
    expect(p.doneTasks).toBe(2);
    const rows = nonBlankRows(after.tracking);
    expect(rows).toHaveLength(1);
    const task = rows[0]!;
    expect(task[col('tracking', 'task')]).toBe('Follow up new-customer contracts');
    expect(task[col('tracking', 'owner')]).toBe('Wang*');
    expect(task[col('tracking', 'status')]).toBe('In progress');
    // Its dates move to the same place in Q4 (three months on), so it is not overdue on 1 October.
    expect(task[col('tracking', 'plannedDate')]).toBe('2023-10-31');
    expect(task[col('tracking', 'nextStepDue')]).toBe('2023-11-10');
    // Q3's progress ("12 signed (target 15)") stays in the archive; the note says what moved.
    expect(task[col('tracking', 'progress')]).toBe('Carried over from 2023 Q3, row 4 (Planned date 2023-07-31 → 2023-10-31; Next step due 2023-08-10 → 2023-11-10)');
    // The task's own state (problem, solution, next step) goes on with it.
    expect(task[col('tracking', 'solution')]).toBe('Weekly progress sync and trial support');
    const q4 = readWorkbook(after, AFTER_Q3);
    expect(checkWorkbook(q4, AFTER_Q3).filter((pr) => pr.code === 'task_overdue')).toEqual([]);
    // The old rows below are blanked in the same write.
    const write = p.writes.find((w) => w.tab === 'tracking')!;
    expect(write.values).toHaveLength(3);
    expect(write.values[1]!.every((v) => v === '')).toBe(true);
  });

  it('carries retrospective rows 2 and 3 (open) with their owners; row 1 (proven) goes to Playbook with its evidence', () => {
    expect(p.carriedActions.map((a) => [a.fromRow, a.owners])).toEqual([[3, ['Zhang', 'Zhao']], [4, ['Wang*']]]);
    const rows = nonBlankRows(after.retrospective);
    // The note goes in Problem (free text); Module stays as typed, since it becomes the Playbook tag.
    expect(rows.map((r) => r[col('retrospective', 'module')])).toEqual(['Teamwork', 'Resource use']);
    expect(rows.map((r) => r[col('retrospective', 'problem')])).toEqual([
      'Carried over from 2023 Q3, row 3 (Due 2023-08-20 → 2023-11-20) — Follow-up records out of sync, causing duplicate contact',
      'Carried over from 2023 Q3, row 4 (Due 2023-09-01 → 2023-12-01) — New-customer development takes too long (45 days on average)',
    ]);
    // Q3's highlights stay in the archive (and the proven one in Playbook's evidence); the due dates are Q4's.
    expect(rows.map((r) => r[col('retrospective', 'highlight')])).toEqual(['', '']);
    expect(rows.map((r) => r[col('retrospective', 'due')])).toEqual(['2023-11-20', '2023-12-01']);
    expect(p.actionNoteColumn).toBe('problem');
    expect(rows.map((r) => r[col('retrospective', 'suggestion')])).toEqual(['Adopt a CRM to unify follow-up records', 'Launch a fast-response package for new customers']);
    expect(rows.map((r) => r[col('retrospective', 'owner')])).toEqual(['Zhang, Zhao', 'Wang*']);
    expect(rows.map((r) => r[col('retrospective', 'status')])).toEqual(['Open', 'Open']);

    expect(p.playbookAdded).toHaveLength(1);
    const playbook = nonBlankRows(after.playbook);
    expect(playbook).toEqual([[
      'Build a lead-to-customer fit scoring model',
      'Trade shows acquire precisely: 20% conversion; Lead conversion rate: 12% against 15% (80%); input-output ratio 1:7.7',
      '2023 Q3',
      'Strategy effectiveness',
      // How to apply and Status (blank: active) are for the team to fill.
      '',
      '',
    ]]);
  });

  it('copies goals as drafts: months 2023-07/08/09 become 2023-10/11/12, the cycle target 2023 Q4', () => {
    const goals = nonBlankRows(after.goals);
    expect(goals.map((g) => [g[col('goals', 'period')], g[col('goals', 'target')]])).toEqual([
      ['2023 Q4', 50], ['2023-10', 15], ['2023-11', 18], ['2023-12', 17], ['2023 Q4', 200], ['2023 Q4', 200], ['2023 Q4', '15%'],
    ]);
    expect(goals[0]![col('goals', 'note')]).toBe(
      'Draft target for 2023 Q4 (copied from 2023 Q3, row 2) — Q3: grow East China revenue by 30% and win 50 new customers',
    );
    expect(goals[1]![col('goals', 'note')]).toBe('Draft target for 2023 Q4 (copied from 2023 Q3, row 3)');
    expect(goals[1]![col('goals', 'owner')]).toBe('Wang*');
    // Read back under the new cycle, every period is understood.
    const model = readWorkbook(after, AFTER_Q3);
    expect(model.goals.every((g) => g.period !== null)).toBe(true);
    expect(model.problems.filter((pr) => pr.tab === 'goals')).toEqual([]);
  });

  it('empties the weekly log and costs, and of Evaluation only the actuals and the analysis', () => {
    expect(nonBlankRows(after.weekly)).toEqual([]);
    expect(nonBlankRows(after.costs)).toEqual([]);
    expect(p.weeklyCleared).toBe(13);
    expect(p.costsCleared).toBe(4);
    const evaluation = readWorkbook(after, AFTER_Q3).evaluation;
    expect(evaluation.map((e) => e.actual)).toEqual([null, null, null, null, null, null]);
    expect(evaluation.map((e) => e.targetText)).toEqual(['50', '200', '200', '15%', '30', '1:6']);
    // Q3's explanations ("a competitor's August promotion…") stay in the archive: Q4's first report starts clean.
    expect(evaluation.map((e) => e.analysis)).toEqual(['', '', '', '', '', '']);
    expect(evaluation.map((e) => e.metric)).toEqual(readWorkbook(raw, AFTER_Q3).evaluation.map((e) => e.metric));
    const writes = p.writes.filter((w) => w.tab === 'evaluation');
    // One column each, so the Achievement and Status formulas between them are never written.
    expect(writes.map((w) => w.column)).toEqual([col('evaluation', 'actual') + 1, col('evaluation', 'analysis') + 1]);
    expect(writes.every((w) => w.values.every((r) => r.length === 1 && r[0] === ''))).toBe(true);
    expect(p.actualsCleared).toBe(6);
    expect(p.analysesCleared).toBe(6);
  });

  it('keeps Team and Strategy untouched, and writes Settings last', () => {
    expect(p.writes.some((w) => w.tab === 'team' || w.tab === 'strategy' || w.tab === 'log')).toBe(false);
    expect(after.team).toEqual(raw.team);
    expect(after.strategy).toEqual(raw.strategy);
    expect(p.writes.at(-1)?.tab).toBe('settings');
    expect(p.writes.filter((w) => w.tab === 'settings')).toHaveLength(1);
  });

  it('one write per tab (per emptied column in Evaluation)', () => {
    const tabs = p.writes.map((w) => w.tab).filter((t) => t !== 'evaluation');
    expect(new Set(tabs).size).toBe(tabs.length);
  });

  it('says exactly what will happen, with counts', () => {
    const text = describeRollover(p, 'en');
    expect(text).toContain('Start next cycle: 2023 Q3 → 2023 Q4');
    expect(text).toContain('Archive 10 tabs as copies named "Archive 2023 Q3 — Tracking"');
    expect(text).toContain('carry over 1 open task with their owners, each noted "Carried over from 2023 Q3, row 4" in Progress (their progress notes of 2023 Q3 stay in the archive)');
    expect(text).toContain('2 done tasks stay only in the archive');
    expect(text).toContain('Retrospective: carry over 2 open actions with their owners, problem and suggestion, each noted "Carried over from 2023 Q3, row 3" in Problem (their highlights of 2023 Q3 stay in the archive);');
    expect(text).toContain('Due dates of carried rows before 2023-10-01: 4 move on by the length of the cycle (e.g. 2023-07-31 → 2023-10-31); 0 would still be past');
    expect(text).toContain('Playbook: add 1 proven practice');
    expect(text).toContain('Goals: copy 7 targets as drafts for 2023 Q4 (months moved on by 3, e.g. 2023-07 → 2023-10)');
    expect(text).toContain('Empty the Weekly log (13 rows) and Costs (4 rows), and the 6 Evaluation actuals and 6 analysis notes');
    expect(text).toContain('Cycle 2023 Q4, Cycle start 2023-10-01, Cycle end 2023-12-31');
    expect(text).not.toContain('after today');
  });
});

describe('planRollover in Chinese', () => {
  const raw = exampleRaw('zh-CN');
  const p = plan(raw, 'zh-CN');
  const after = applied(raw, p.writes);

  it('names archives and notes in Chinese', () => {
    expect(p.archives.find((a) => a.tab === 'tracking')?.name).toBe('归档 2023 Q3 — 执行跟踪');
    const task = nonBlankRows(after.tracking)[0]!;
    expect(task[col('tracking', 'owner')]).toBe('王*');
    expect(task[col('tracking', 'progress')]).toBe('由 2023 Q3 第 4 行结转（计划完成时间 2023-07-31 → 2023-10-31；下一步截止 2023-08-10 → 2023-11-10）');
    expect(nonBlankRows(after.retrospective).map((r) => r[col('retrospective', 'owner')])).toEqual(['张、赵', '王*']);
    expect(nonBlankRows(after.retrospective).map((r) => String(r[col('retrospective', 'problem')]).split(' — ')[0])).toEqual([
      '由 2023 Q3 第 3 行结转（完成时间 2023-08-20 → 2023-11-20）', '由 2023 Q3 第 4 行结转（完成时间 2023-09-01 → 2023-12-01）',
    ]);
    expect(nonBlankRows(after.retrospective).map((r) => r[col('retrospective', 'module')])).toEqual(['团队协作', '资源利用']);
    expect(nonBlankRows(after.playbook)[0]).toEqual([
      '建立“线索-客户”匹配度评分模型',
      '行业展会精准获客，转化率达20%；线索转化率：实际 12%，目标 15%（达成率 80%）；投入产出比 1:7.7',
      '2023 Q3',
      '策略有效性',
      '',
      '',
    ]);
    expect(nonBlankRows(after.goals)[1]![col('goals', 'note')]).toBe('2023 Q4 草稿目标（复制自 2023 Q3 第 3 行）');
    const text = describeRollover(p, 'zh-CN');
    expect(text).toContain('开启下一周期：2023 Q3 → 2023 Q4');
    expect(text).toContain('结转 1 项未完成任务');
    expect(text).toContain('结转行中早于 2023-10-01 的日期：4 个按周期长度顺延');
    expect(text).toContain('以及效果评估的 6 个实际值和 6 条分析说明');
  });
});

describe('planRollover edge cases', () => {
  it('refuses when this cycle was already archived (either language)', () => {
    const raw = exampleRaw('en');
    const wb = readWorkbook(raw, AFTER_Q3);
    for (const name of ['Archive 2023 Q3 — Goals', '归档 2023 Q3 — 执行跟踪']) {
      const result = planRollover(wb, raw, AFTER_Q3, 'en', { sheetNames: ['Settings', name] });
      expect('error' in result && result.error.en).toContain(`Start next cycle has already run for 2023 Q3: the tab "${name}" exists`);
    }
  });

  it('refuses when the cycle dates are missing or wrong, naming the Settings row and value', () => {
    const raw = exampleRaw('en');
    const endRow = raw.settings!.findIndex((r) => r[0] === 'Cycle end');
    raw.settings![endRow]![1] = 'sometime in autumn';
    const wb = readWorkbook(raw, AFTER_Q3);
    const result = planRollover(wb, raw, AFTER_Q3, 'en');
    expect('error' in result && result.error.en).toBe(
      `Settings → Cycle end is missing or not a date. Type the last day of the cycle, e.g. 2023-09-30. (Settings, row ${endRow + 1}, value "sometime in autumn")`,
    );
    expect('error' in result && result.error.zh).toContain(`第 ${endRow + 1} 行`);

    raw.settings![endRow]![1] = '2023-06-30';
    const backwards = planRollover(readWorkbook(raw, AFTER_Q3), raw, AFTER_Q3, 'zh-CN');
    expect('error' in backwards && backwards.error.zh).toContain('早于');
  });

  it('refuses without a Settings tab', () => {
    const raw = exampleRaw('en');
    delete raw.settings;
    const result = planRollover(readWorkbook(raw, AFTER_Q3), raw, AFTER_Q3, 'en');
    expect('error' in result && result.error.en).toContain('The Settings tab is missing');
  });

  it('writes typed text that looks like a formula back as text, and keeps a team’s own columns on carried rows', () => {
    const raw = exampleRaw('en');
    raw.tracking![0]!.push('Customer ID');
    raw.tracking!.slice(1).forEach((r, i) => r.push(`C-${i}`));
    raw.tracking![3]![col('tracking', 'nextStep')] = '=HYPERLINK("http://evil")';
    const p = plan(raw);
    const row = p.writes.find((w) => w.tab === 'tracking')!.values[0]!;
    expect(row[col('tracking', 'nextStep')]).toBe('\'=HYPERLINK("http://evil")');
    expect(row[tabSpec('tracking').columns.length]).toBe('C-2');
  });

  it('moves cells without a header with their row, and blanks them on rows not carried', () => {
    const raw = exampleRaw('en');
    const width = tabSpec('tracking').columns.length;
    raw.tracking!.forEach((r, i) => { r[width + 1] = i === 0 ? '' : `side note ${i + 1}`; });
    const values = plan(raw).writes.find((w) => w.tab === 'tracking')!.values;
    expect(values.map((r) => r[width + 1])).toEqual(['side note 4', '', '']);
  });

  it('never writes over the Costs summary panel beside the table', () => {
    const raw = exampleRaw('en');
    raw.costs!.forEach((r, i) => r.push('', COST_SUMMARY[i]?.label.en ?? '', i));
    const p = plan(raw);
    const write = p.writes.find((w) => w.tab === 'costs')!;
    expect(write.values[0]).toHaveLength(tabSpec('costs').columns.length);
  });

  it('writes text that Sheets would turn into a number, date or boolean with an apostrophe, so it stays as typed', () => {
    expect(literal('0012')).toBe("'0012");
    expect(literal('2023-10')).toBe("'2023-10");
    expect(literal('TRUE')).toBe("'TRUE");
    expect(literal("'quoted")).toBe("''quoted");
    expect(literal('-5 customers')).toBe("'-5 customers");
    expect(literal('Jul 31')).toBe("'Jul 31");
    expect(literal('=1+1')).toBe("'=1+1");
    expect(literal('Wang*')).toBe('Wang*');
    expect(literal('王*')).toBe('王*');
    expect(literal(45)).toBe(45);
    expect(literal('')).toBe('');
  });

  it('does not add a proven practice the Playbook already has, nor carry it', () => {
    const raw = exampleRaw('en');
    raw.playbook!.push(['Build a lead-to-customer fit scoring model', 'earlier evidence', '2023 Q2', '']);
    const p = plan(raw);
    expect(p.playbookAdded).toEqual([]);
    expect(p.playbookSkipped).toBe(1);
    expect(p.writes.some((w) => w.tab === 'playbook')).toBe(false);
    expect(p.carriedActions.map((a) => a.fromRow)).toEqual([3, 4]);
  });

  it('done retrospective actions are not carried and not added to Playbook', () => {
    const raw = exampleRaw('en');
    raw.retrospective![3]![col('retrospective', 'status')] = 'Done';
    const p = plan(raw);
    expect(p.carriedActions.map((a) => a.fromRow)).toEqual([3]);
    expect(p.doneActions).toBe(1);
    expect(p.playbookAdded.map((a) => a.fromRow)).toEqual([2]);
  });

  it('appends to an existing Playbook below its last row', () => {
    const raw = exampleRaw('en');
    raw.playbook!.push(['Weekly pipeline review', 'Q2 conversions up', '2023 Q2', 'process']);
    const p = plan(raw);
    const write = p.writes.find((w) => w.tab === 'playbook')!;
    expect(write.row).toBe(3);
    expect(write.values).toHaveLength(1);
  });

  it('a second rollover replaces its own draft and carried-over notes instead of stacking them', () => {
    const raw = exampleRaw('en');
    const once = applied(raw, plan(raw).writes);
    const twice = applied(once, plan(once, 'en', time('2024-01-02')).writes);
    const notes = nonBlankRows(twice.goals).map((g) => g[col('goals', 'note')]);
    expect(notes[0]).toBe('Draft target for 2024 Q1 (copied from 2023 Q4, row 2) — Q3: grow East China revenue by 30% and win 50 new customers');
    expect(nonBlankRows(twice.goals).map((g) => g[col('goals', 'period')])).toEqual(['2024 Q1', '2024-01', '2024-02', '2024-03', '2024 Q1', '2024 Q1', '2024 Q1']);
    expect(nonBlankRows(twice.tracking)[0]![col('tracking', 'progress')]).toBe('Carried over from 2023 Q4, row 2 (Planned date 2023-10-31 → 2024-01-31; Next step due 2023-11-10 → 2024-02-10)');
    const retro = nonBlankRows(twice.retrospective);
    expect(retro.map((r) => r[col('retrospective', 'module')])).toEqual(['Teamwork', 'Resource use']);
    expect(retro[0]![col('retrospective', 'problem')]).toBe('Carried over from 2023 Q4, row 2 (Due 2023-11-20 → 2024-02-20) — Follow-up records out of sync, causing duplicate contact');
  });

  it('strips carried-over notes in either language, however many, and only at the start', () => {
    expect(withoutCarriedMarkers('Carried over from 2023 Q4, row 2 — Carried over from 2023 Q3, row 4 — 12 signed')).toBe('12 signed');
    expect(withoutCarriedMarkers('由 2023 Q4 第 2 行结转 — Carried over from 2023 Q3, row 3 — 团队协作')).toBe('团队协作');
    expect(withoutCarriedMarkers('Carried over from 2023 Q3, row 4')).toBe('');
    expect(withoutCarriedMarkers('Plan: Carried over from 2023 Q3, row 4')).toBe('Plan: Carried over from 2023 Q3, row 4');
    // With the note of what happened to the row's dates, and a cycle label with brackets.
    expect(withoutCarriedMarkers('Carried over from 2023 Q3 (next), row 4 (Due 2023-08-20 → 2023-11-20) — CRM')).toBe('CRM');
    expect(withoutCarriedMarkers('由 2023 Q3 第 3 行结转（完成时间原为 2023-06-20，请填写新日期） — 团队协作')).toBe('团队协作');
    expect(withoutCarriedMarkers('Carried over from 2023 Q3, row 4 (Planned date was 2023-06-20: set a new date)')).toBe('');
  });

  it('a note left in Module by an earlier version is removed there, and never reaches Playbook tags, practice or evidence', () => {
    const raw = exampleRaw('en');
    const module = col('retrospective', 'module');
    raw.retrospective![1]![module] = 'Carried over from 2023 Q2, row 5 — Strategy effectiveness';
    raw.retrospective![1]![col('retrospective', 'suggestion')] = '由 2023 Q2 第 5 行结转 — Build a lead-to-customer fit scoring model';
    raw.retrospective![2]![module] = 'Carried over from 2023 Q2, row 3 — Carried over from 2023 Q1, row 2 — Teamwork';
    const p = plan(raw);
    expect(p.playbookAdded.map((a) => [a.practice, a.tags])).toEqual([['Build a lead-to-customer fit scoring model', 'Strategy effectiveness']]);
    expect(p.playbookAdded[0]!.evidence).not.toMatch(/Carried over|结转/);
    const rows = nonBlankRows(applied(raw, p.writes).retrospective);
    expect(rows[0]![module]).toBe('Teamwork');
    expect(rows[0]![col('retrospective', 'problem')]).toBe('Carried over from 2023 Q3, row 3 (Due 2023-08-20 → 2023-11-20) — Follow-up records out of sync, causing duplicate contact');
  });

  it('does not close again, before its end, a cycle that was itself opened by a rollover', () => {
    const raw = exampleRaw('en');
    const once = applied(raw, plan(raw).writes);
    const early = planRollover(readWorkbook(once, AFTER_Q3), once, AFTER_Q3, 'en', { openedByRolloverOn: '2023-10-02' });
    expect('error' in early && early.error.en).toBe(
      "2023 Q4 was opened by Start next cycle on 2023-10-02 and runs until 2023-12-31, so it is not closed again now (this stops a second run by accident). Nothing was changed. If you do mean to close 2023 Q4 early, set Settings → Cycle end to today's date and run Start next cycle again.",
    );
    const onTime = planRollover(readWorkbook(once, time('2023-12-31')), once, time('2023-12-31'), 'en', { openedByRolloverOn: '2023-10-02' });
    expect('error' in onTime ? onTime.error.en : onTime.to.label).toBe('2024 Q1');
  });

  it('warns when the cycle has not ended yet', () => {
    const raw = exampleRaw('en');
    const p = plan(raw, 'en', time('2023-09-15'));
    expect(p.endsInFuture).toBe(true);
    expect(describeRollover(p, 'en')).toContain('Note: 2023 Q3 ends on 2023-09-30, which is after today.');
  });

  it('archive names stay within 100 characters and unique', () => {
    const long = 'A very long custom cycle label that somebody typed into the settings tab because they could '.repeat(2);
    const names = TABS.map((t) => archiveName(long, t, 'en'));
    expect(names.every((n) => n.length <= 100)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    expect(names[4]).toMatch(/… — Tracking$/);
  });
});

describe('formulas a person typed in rows the rollover rewrites', () => {
  /** Formulas per tab, '' everywhere except the given cells (A1-style row/column, 1-based). */
  function formulasOf(raw: RawWorkbook, cells: Partial<Record<TabKey, [number, number, string][]>>): Partial<Record<TabKey, string[][]>> {
    const out: Partial<Record<TabKey, string[][]>> = {};
    for (const [tab, list] of Object.entries(cells) as [TabKey, [number, number, string][]][]) {
      const grid = (raw[tab] ?? []).map((r) => r.map(() => ''));
      for (const [row, column, formula] of list) grid[row - 1]![column - 1] = formula;
      out[tab] = grid;
    }
    return out;
  }
  const planWith = (raw: RawWorkbook, formulas: Partial<Record<TabKey, string[][]>>): RolloverPlan => {
    const result = planRollover(readWorkbook(raw, AFTER_Q3), raw, AFTER_Q3, 'en', { formulas });
    if ('error' in result) throw new Error(result.error.en);
    return result;
  };

  it('writes a formula back where the source cell had one (Goals!C2 =SUM(C3:C5) stays a formula)', () => {
    const raw = exampleRaw('en');
    const target = col('goals', 'target') + 1;
    raw.goals![1]![target - 1] = 50;
    const p = planWith(raw, formulasOf(raw, { goals: [[2, target, '=SUM(C3:C5)']] }));
    const goals = p.writes.find((w) => w.tab === 'goals')!;
    expect(goals.values[0]![target - 1]).toBe('=SUM(C3:C5)');
    // Cells without a formula are written as values, as before.
    expect(goals.values[1]![target - 1]).toBe(15);
  });

  it('moves relative rows with a carried row, like copying it in Sheets', () => {
    const raw = exampleRaw('en');
    const width = tabSpec('tracking').columns.length;
    raw.tracking!.forEach((r, i) => { r[width] = i === 0 ? 'Days' : 0; });
    // Row 4 (the open task) becomes row 2: its formula's relative rows move up by 2; $-rows and text stay.
    const p = planWith(raw, formulasOf(raw, { tracking: [[4, width + 1, '=D4-TODAY()+$A$1+"x4"&Goals!B4'], [3, width + 1, '=D3']] }));
    const tracking = p.writes.find((w) => w.tab === 'tracking')!;
    expect(tracking.values[0]![width]).toBe('=D2-TODAY()+$A$1+"x4"&Goals!B2');
    // The done task's row is blanked like every other cell of it (its formula stays in the archive).
    expect(tracking.values.slice(1).map((r) => r[width])).toEqual(['', '']);
  });

  it('keeps Settings formulas between the rows it changes; never writes formulas into emptied columns', () => {
    const raw = exampleRaw('en');
    const rows = raw.settings!.map((r) => r[0]);
    const start = rows.indexOf('Cycle start') + 1;
    const end = rows.indexOf('Cycle end') + 1;
    const actual = col('evaluation', 'actual') + 1;
    const p = planWith(raw, formulasOf(raw, {
      settings: [[start, 2, '=DATE(2023,7,1)']],
      evaluation: [[2, actual, "=SUM('Weekly log'!D2:D20)"]],
      weekly: [[2, 4, '=1+1']],
    }));
    const settings = p.writes.find((w) => w.tab === 'settings')!;
    expect(settings.row).toBeLessThan(start);
    expect(settings.values.every((v) => typeof v[0] !== 'string' || !v[0].startsWith('='))).toBe(true);
    expect(p.writes.find((w) => w.tab === 'evaluation')!.values.every((r) => r[0] === '')).toBe(true);
    expect(p.writes.find((w) => w.tab === 'weekly')!.values.flat().every((v) => v === '')).toBe(true);

    // A setting between Cycle and Cycle end that is a formula is written back as that formula.
    const between = raw.settings!.map((r) => r.slice());
    between.splice(end - 1, 0, ['Cycle weeks', 13, '']);
    const p2 = planWith({ ...raw, settings: between }, formulasOf({ ...raw, settings: between }, { settings: [[end, 2, '=ROUND((B7-B5)/7,0)']] }));
    const write = p2.writes.find((w) => w.tab === 'settings')!;
    expect(write.values[end - write.row]![0]).toBe('=ROUND((B7-B5)/7,0)');
  });

  it('movedFormula: relative rows move, absolute rows, quoted text, sheet names and function names do not', () => {
    expect(movedFormula('=SUM(C3:C5)', 0)).toBe('=SUM(C3:C5)');
    expect(movedFormula('=SUM(C3:C5)', -1)).toBe('=SUM(C2:C4)');
    expect(movedFormula('=$C3*C$3+$C$3', 2)).toBe('=$C5*C$3+$C$3');
    expect(movedFormula('=LOG10(A5)&"B5"&\'Q3 2023\'!A5', -2)).toBe('=LOG10(A3)&"B5"&\'Q3 2023\'!A3');
    expect(movedFormula('=ABC1!A5+Sheet1!B5+1E5', -1)).toBe('=ABC1!A4+Sheet1!B4+1E5');
    expect(movedFormula('=A1+A3', -2)).toBe('=#REF!+A1');
    expect(movedFormula('=SUM(A:A)', 3)).toBe('=SUM(A:A)');
  });
});

describe('what the confirmation promised, compared with a plan made again', () => {
  it('same data, same plan; an edit or a new row is seen', () => {
    const raw = exampleRaw('en');
    expect(planSignature(plan(raw))).toBe(planSignature(plan(exampleRaw('en'))));
    expect(changedTabs(raw, exampleRaw('en'))).toEqual([]);

    const edited = exampleRaw('en');
    edited.tracking![3]![col('tracking', 'solution')] = 'Visit them weekly';
    expect(changedTabs(raw, edited)).toEqual(['tracking']);
    expect(planSignature(plan(edited))).not.toBe(planSignature(plan(raw)));

    const closed = exampleRaw('en');
    closed.tracking![3]![col('tracking', 'status')] = 'Done';
    expect(plan(closed).carriedTasks).toEqual([]);
    expect(planSignature(plan(closed))).not.toBe(planSignature(plan(raw)));

    // A formula changed with the same value, and the Log (not archived, not rewritten) is ignored.
    const f1 = { goals: [['', '=1+1']] };
    const f2 = { goals: [['', '=2']] };
    expect(changedTabs(raw, raw, f1, f2)).toEqual(['goals']);
    expect(changedTabs({ ...raw, log: [['a']] }, { ...raw, log: [['b']] })).toEqual([]);
  });
});

describe('archive formulas point at the archive copies (Sheet.copyTo keeps references to the original tabs)', () => {
  const renames = new Map([['Weekly log', 'Archive 2023 Q3 — Weekly log'], ['Costs', 'Archive 2023 Q3 — Costs']]);
  it('retargets quoted and unquoted references, any case, and leaves text and other tabs alone', () => {
    expect(retargetSheetRefs("=SUM('Weekly log'!G:G)", renames)).toBe("=SUM('Archive 2023 Q3 — Weekly log'!G:G)");
    expect(retargetSheetRefs('=IFERROR(costs!C2/Costs!C3,"")', renames)).toBe("=IFERROR('Archive 2023 Q3 — Costs'!C2/'Archive 2023 Q3 — Costs'!C3,\"\")");
    expect(retargetSheetRefs('="Costs!A1 "&Goals!A1', renames)).toBe('="Costs!A1 "&Goals!A1');
    expect(retargetSheetRefs('=MyCosts!A1', renames)).toBe('=MyCosts!A1');
    expect(retargetSheetRefs('plain text Costs!A1', renames)).toBe('plain text Costs!A1');
  });
  it('quotes names as formulas must, doubling an apostrophe', () => {
    expect(sheetRef('Costs')).toBe('Costs!');
    expect(sheetRef("Archive 2023 Q3 — Li's tab")).toBe("'Archive 2023 Q3 — Li''s tab'!");
    expect(retargetSheetRefs("='Li''s tab'!A1", new Map([["Li's tab", 'X Y']]))).toBe("='X Y'!A1");
  });
});

describe('carried rows start the new cycle with dates that are not overdue', () => {
  const q3 = { label: '2023 Q3', start: dayFromIso('2023-07-01'), end: dayFromIso('2023-09-30') };
  const q4 = { label: '2023 Q4', start: dayFromIso('2023-10-01'), end: dayFromIso('2023-12-31') };
  const iso = (d: number | null | undefined): string | null => (d === null || d === undefined ? null : isoFromDay(d));

  it('moves a date to the same place in the next cycle: by months for month cycles (month ends stay month ends), else by days', () => {
    const moved = (day: string, from = q3, to = q4): string => isoFromDay(dayInNextCycle(dayFromIso(day), from, to));
    expect(moved('2023-07-31')).toBe('2023-10-31');
    expect(moved('2023-08-31')).toBe('2023-11-30');
    expect(moved('2023-09-30')).toBe('2023-12-31');
    expect(moved('2023-08-15')).toBe('2023-11-15');
    const q1 = { label: '2024 Q1', start: dayFromIso('2024-01-01'), end: dayFromIso('2024-03-31') };
    const q2 = { label: '2024 Q2', start: dayFromIso('2024-04-01'), end: dayFromIso('2024-06-30') };
    expect(moved('2024-02-29', q1, q2)).toBe('2024-05-31');
    expect(moved('2024-01-30', q1, q2)).toBe('2024-04-30');
    // An eight-week sprint: 56 days on.
    const sprint = { label: 'Sprint 3', start: dayFromIso('2023-07-03'), end: dayFromIso('2023-08-27') };
    const next = { label: 'Sprint 4', start: dayFromIso('2023-08-28'), end: dayFromIso('2023-10-22') };
    expect(moved('2023-07-10', sprint, next)).toBe('2023-09-04');
  });

  it('keeps a date already in the new cycle; leaves blank one that would still be past', () => {
    const today = dayFromIso('2023-10-02');
    const span = (d: string) => ({ start: dayFromIso(d), end: dayFromIso(d) });
    expect(carriedDate(span('2023-10-15'), q3, q4, today)).toBeNull();
    expect(carriedDate(null, q3, q4, today)).toBeNull();
    expect(carriedDate(span('2023-06-20'), q3, q4, today)).toEqual({ from: dayFromIso('2023-06-20'), to: null });
    // Run late (20 October): 5 July would move to 5 October, already past.
    expect(carriedDate(span('2023-07-05'), q3, q4, dayFromIso('2023-10-20'))).toEqual({ from: dayFromIso('2023-07-05'), to: null });
    // A range (10–12 July) is due on its last day.
    expect(carriedDate({ start: dayFromIso('2023-07-10'), end: dayFromIso('2023-07-12') }, q3, q4, today)).toEqual({ from: dayFromIso('2023-07-12'), to: dayFromIso('2023-10-12') });
  });

  it('a task late since before Q3 gets a blank date and a note asking for one; a date typed for Q4 stays', () => {
    const raw = exampleRaw('en');
    const planned = col('tracking', 'plannedDate');
    const next = col('tracking', 'nextStepDue');
    raw.tracking![3]![planned] = '2023-06-20';
    raw.tracking![3]![next] = '2023-10-20';
    const p = plan(raw);
    const task = nonBlankRows(applied(raw, p.writes).tracking)[0]!;
    expect(task[planned]).toBe('');
    expect(task[next]).toBe('2023-10-20');
    expect(task[col('tracking', 'progress')]).toBe('Carried over from 2023 Q3, row 4 (Planned date was 2023-06-20: set a new date)');
    expect(p.carriedTasks[0]!.dates).toEqual([{ column: 'plannedDate', from: dayFromIso('2023-06-20'), to: null }]);
    expect(describeRollover(p, 'en')).toContain('Due dates of carried rows before 2023-10-01: 2 move on by the length of the cycle (e.g. 2023-08-20 → 2023-11-20); 1 would still be past and is left blank, with a note asking for a new date.');
    const zh = plan(raw, 'zh-CN');
    expect(nonBlankRows(applied(raw, zh.writes).tracking)[0]![col('tracking', 'progress')]).toBe('由 2023 Q3 第 4 行结转（计划完成时间原为 2023-06-20，请填写新日期）');
  });

  it('a date cell holding a formula keeps its formula (moved with the row), not a computed date', () => {
    const raw = exampleRaw('en');
    const next = col('tracking', 'nextStepDue');
    const formulas = { tracking: raw.tracking!.map((r, i) => r.map((_, j) => (i === 3 && j === next ? '=D4+10' : ''))) };
    const p = planRollover(readWorkbook(raw, AFTER_Q3), raw, AFTER_Q3, 'en', { formulas });
    if ('error' in p) throw new Error(p.error.en);
    const task = p.writes.find((w) => w.tab === 'tracking')!.values[0]!;
    expect(task[next]).toBe('=D2+10');
    expect(task[col('tracking', 'plannedDate')]).toBe('2023-10-31');
    expect(p.carriedTasks[0]!.dates.map((d) => d.column)).toEqual(['plannedDate']);
  });

  it('property: whatever the carried rows\' dates and the day it runs, Check data finds nothing overdue in the new cycle that day', () => {
    const dayIn = (from: string, days: number) => fc.integer({ min: 0, max: days }).map((n) => dayFromIso(from) + n);
    // Any date up to the old cycle's last day (a later one is a commitment for the new cycle and stays as typed).
    const optionalDay = fc.option(dayIn('2023-03-01', 213), { nil: null });
    fc.assert(fc.property(optionalDay, optionalDay, optionalDay, dayIn('2023-09-20', 40), (plannedDay, nextDay, dueDay, todayDay) => {
      const raw = exampleRaw('en');
      raw.tracking![3]![col('tracking', 'plannedDate')] = iso(plannedDay) ?? '';
      raw.tracking![3]![col('tracking', 'nextStepDue')] = iso(nextDay) ?? '';
      raw.retrospective![2]![col('retrospective', 'due')] = iso(dueDay) ?? '';
      const t = time(isoFromDay(todayDay));
      const p = planRollover(readWorkbook(raw, t), raw, t, 'en');
      if ('error' in p) throw new Error(p.error.en);
      const after = readWorkbook(applied(raw, p.writes), t);
      expect(checkWorkbook(after, t).filter((pr) => pr.code === 'task_overdue')).toEqual([]);
      // Every carried date is blank or on/after both the new cycle's first day and the day it ran.
      const firstDay = Math.max(t.today, dayFromIso('2023-10-01'));
      const dates = [...after.tasks.flatMap((task) => [task.planned, task.nextStepDue]), ...after.retrospective.map((r) => r.due)];
      for (const d of dates) if (d !== null) expect(d.end).toBeGreaterThanOrEqual(firstDay);
    }), { numRuns: 60 });
  });
});
