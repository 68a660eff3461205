import { Bilingual, fill } from './i18n';
import { Goal, TimeContext, Workbook } from './model';
import { findPerson } from './people';
import { Problem } from './problems';
import { TabKey, settingSpec } from './schema';
import { Day, isoFromDay } from './values';
import { calendarOn, calendarProblems, daysLate, workCalendar } from './workCalendar';

/** How long a task may go without an update before Check data calls it stale. */
export const STALE_AFTER_DAYS = 14;
/** Two working weeks, when a work calendar counts workdays. */
export const STALE_AFTER_WORKDAYS = 10;

const MSG = {
  missingOwner: { en: 'No owner for "{task}".', zh: '“{task}”没有责任人。' },
  missingOwnerFix: { en: 'Type the name of a Team member in Owner.', zh: '请在“责任人”中填写团队成员姓名。' },
  notInTeam: { en: 'Owner "{name}" is not in Team.', zh: '责任人“{name}”不在团队表中。' },
  notInTeamFix: { en: 'Add {name} to the Team tab with an email, or correct the spelling.', zh: '请在“团队”表中添加 {name} 及其邮箱，或更正姓名。' },
  noEmail: { en: '{name} has no email address, so gets no reminders.', zh: '{name} 没有邮箱，将收不到提醒。' },
  noEmailFix: { en: 'Add an email for {name} in the Team tab.', zh: '请在“团队”表中填写 {name} 的邮箱。' },
  duplicate: { en: '{name} is listed twice in Team (rows {rows}).', zh: '{name} 在团队表中出现两次（第 {rows} 行）。' },
  duplicateFix: { en: 'Keep one row per person.', zh: '每人只保留一行。' },
  monthlySum: { en: 'Monthly targets for "{metric}" add up to {sum}, but the cycle target is {target}.', zh: '“{metric}”的月度目标合计为 {sum}，但周期目标为 {target}。' },
  monthlySumFix: { en: 'Change the monthly targets (rows {rows}) or the cycle target so they agree.', zh: '请调整月度目标（第 {rows} 行）或周期目标，使二者一致。' },
  overdue: { en: '"{task}" was due {due} and is not done ({days} days overdue).', zh: '“{task}”应于 {due} 完成，尚未完成（逾期 {days} 天）。' },
  overdueWorkdays: { en: '"{task}" was due {due} and is not done ({days} workdays overdue).', zh: '“{task}”应于 {due} 完成，尚未完成（逾期 {days} 个工作日）。' },
  overdueFix: { en: 'Set Status to Done, or agree a new date and update Planned date / Next step due.', zh: '请将状态改为“已完成”，或商定新日期并更新计划完成时间/下一步截止。' },
  stale: { en: '"{task}" has not been updated since {updated}.', zh: '“{task}”自 {updated} 起未更新。' },
  staleFix: { en: 'Ask {owner} to update Progress this week.', zh: '请 {owner} 本周更新进展。' },
  noCycle: { en: 'The cycle is not set: {missing}.', zh: '未设置周期：{missing}。' },
  cycleInverted: { en: 'The cycle ends ({end}) before it starts ({start}).', zh: '周期结束日（{end}）早于开始日（{start}）。' },
  noCycleFix: { en: 'Fill Cycle, Cycle start and Cycle end in Settings (e.g. 2023 Q3, 2023-07-01, 2023-09-30).', zh: '请在“设置”中填写周期、周期开始和周期结束（例如 2023 Q3、2023-07-01、2023-09-30）。' },
  weeklyOutside: { en: 'Week {week} is outside the cycle {start} – {end}.', zh: '周 {week} 不在周期 {start} – {end} 内。' },
  weeklyOutsideFix: { en: 'Correct the week, or move the row to the right cycle.', zh: '请更正日期，或将该行移到对应周期。' },
} as const satisfies Record<string, Bilingual>;

function problem(
  code: Problem['code'], severity: Problem['severity'], tab: TabKey, row: number | null, column: string | undefined,
  value: string, message: Bilingual, fix: Bilingual,
): Problem {
  return column === undefined ? { code, severity, tab, row, value, message, fix } : { code, severity, tab, row, column, value, message, fix };
}

function ownerProblems(workbook: Workbook): Problem[] {
  const problems: Problem[] = [];
  const reported = new Set<string>();
  const owned: { tab: TabKey; row: number; owners: readonly string[]; requireOwner: boolean; label: string }[] = [
    ...workbook.tasks.map((t) => ({ tab: 'tracking' as const, row: t.row, owners: t.owners, requireOwner: true, label: t.task })),
    ...workbook.goals.map((g) => ({ tab: 'goals' as const, row: g.row, owners: g.owners, requireOwner: false, label: g.metric })),
    ...workbook.retrospective.map((r) => ({ tab: 'retrospective' as const, row: r.row, owners: r.owners, requireOwner: false, label: r.module })),
    ...workbook.weekly.map((w) => ({ tab: 'weekly' as const, row: w.row, owners: w.owners, requireOwner: false, label: '' })),
    ...workbook.strategy.map((s) => ({ tab: 'strategy' as const, row: s.row, owners: s.owners, requireOwner: false, label: s.channel })),
  ];
  const hasTeam = workbook.team.length > 0 || !workbook.missingTabs.includes('team');
  // A missing Owner column is reported once (missing_column), not as a missing owner on every row.
  const ownerColumnMissing = workbook.problems.some((p) => p.code === 'missing_column' && p.tab === 'tracking' && p.column === 'owner');
  for (const item of owned) {
    if (item.owners.length === 0) {
      if (item.requireOwner && !ownerColumnMissing) {
        problems.push(problem('missing_owner', 'error', item.tab, item.row, 'owner', '', fillNamed(MSG.missingOwner, item.label, item.row, {}), MSG.missingOwnerFix));
      }
      continue;
    }
    for (const name of item.owners) {
      const person = findPerson(workbook.team, name);
      if (!person && hasTeam) {
        problems.push(problem('owner_not_in_team', 'error', item.tab, item.row, 'owner', name, fill(MSG.notInTeam, { name }), fill(MSG.notInTeamFix, { name })));
      } else if (person && person.email === '' && !reported.has(person.name)) {
        reported.add(person.name);
        problems.push(problem('owner_without_email', 'warning', 'team', person.row, 'email', '', fill(MSG.noEmail, { name: person.name }), fill(MSG.noEmailFix, { name: person.name })));
      }
    }
  }
  const byName = new Map<string, number[]>();
  for (const person of workbook.team) {
    const key = person.name.trim().toLowerCase();
    if (key !== '') byName.set(key, [...(byName.get(key) ?? []), person.row]);
  }
  for (const [, rows] of byName) {
    if (rows.length > 1) {
      const name = workbook.team.find((p) => p.row === rows[0])!.name;
      problems.push(problem('duplicate_person', 'warning', 'team', rows[1]!, 'name', name, fill(MSG.duplicate, { name, rows: rows.join(', ') }), MSG.duplicateFix));
    }
  }
  return problems;
}

function goalKey(goal: Goal): string {
  return goal.metricKey ?? goal.metric.trim().toLowerCase();
}

/** Monthly targets of a metric must add up to its cycle target. */
function goalSumProblems(workbook: Workbook): Problem[] {
  const problems: Problem[] = [];
  const groups = new Map<string, Goal[]>();
  for (const goal of workbook.goals) groups.set(goalKey(goal), [...(groups.get(goalKey(goal)) ?? []), goal]);
  for (const goals of groups.values()) {
    const cycleGoal = goals.find((g) => g.period?.kind === 'cycle' && g.target !== null);
    const monthly = goals.filter((g) => g.period?.kind === 'month' && g.target !== null);
    if (!cycleGoal || monthly.length === 0) continue;
    const sum = monthly.reduce((total, g) => total + (g.target ?? 0), 0);
    const target = cycleGoal.target ?? 0;
    if (Math.abs(sum - target) > 1e-9 * Math.max(1, Math.abs(target))) {
      const rows = monthly.map((g) => g.row).join(', ');
      problems.push(problem('monthly_sum_mismatch', 'error', 'goals', cycleGoal.row, 'target', String(target),
        fill(MSG.monthlySum, { metric: cycleGoal.metric, sum: round(sum), target: round(target) }), fill(MSG.monthlySumFix, { rows })));
    }
  }
  return problems;
}

/** A message about a row, naming it by its text, or by its row number when that cell is blank. */
function fillNamed(text: Bilingual, name: string, row: number, params: Record<string, string | number>): Bilingual {
  const label = name === '' ? { en: `row ${row}`, zh: `第 ${row} 行` } : { en: name, zh: name };
  return { en: fill(text, { ...params, task: label.en }).en, zh: fill(text, { ...params, task: label.zh }).zh };
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** The day a task is due: its planned date's last day, or the next step's due date when that is later. */
export function taskDueDay(task: Workbook['tasks'][number]): Day | null {
  const days = [task.planned?.end, task.nextStepDue?.end].filter((d): d is Day => d !== undefined && d !== null);
  return days.length === 0 ? null : Math.max(...days);
}

function taskProblems(workbook: Workbook, time: TimeContext): Problem[] {
  const problems: Problem[] = [];
  const calendar = workCalendar(workbook.settings.workCalendar);
  for (const task of workbook.tasks) {
    if (task.status === 'done') continue;
    const due = taskDueDay(task);
    // With a work calendar on, days late and days without an update count workdays (see workCalendar.daysLate).
    const late = due === null ? 0 : daysLate(calendar, due, time.today);
    if (due !== null && late > 0) {
      problems.push(problem('task_overdue', 'warning', 'tracking', task.row, 'plannedDate', task.task,
        fillNamed(calendarOn(calendar) ? MSG.overdueWorkdays : MSG.overdue, task.task, task.row, { due: isoFromDay(due), days: late }), MSG.overdueFix));
    }
    const idle = task.updated === null ? 0 : daysLate(calendar, task.updated, time.today);
    if (task.updated !== null && idle >= (calendarOn(calendar) ? STALE_AFTER_WORKDAYS : STALE_AFTER_DAYS)) {
      const owner = task.owners.join(', ') || '—';
      problems.push(problem('task_stale', 'warning', 'tracking', task.row, 'updated', isoFromDay(task.updated),
        fillNamed(MSG.stale, task.task, task.row, { updated: isoFromDay(task.updated) }), fill(MSG.staleFix, { owner })));
    }
  }
  return problems;
}

function cycleProblems(workbook: Workbook): Problem[] {
  const { settings } = workbook;
  if (workbook.missingTabs.includes('settings')) return [];
  // A value that could not be read is already reported on its own row; only blank ones are reported here.
  const unreadable = new Set(workbook.problems.filter((p) => p.tab === 'settings' && p.code === 'setting_invalid').map((p) => p.row));
  const missing = (['cycle', 'cycleStart', 'cycleEnd'] as const).filter((key) => {
    const blank = key === 'cycle' ? settings.cycle === '' : settings[key] === null;
    return blank && !unreadable.has(settings.rowOf[key] ?? null);
  });
  const problems: Problem[] = [];
  if (missing.length > 0) {
    const labels = missing.map((key) => settingSpec(key).label);
    problems.push(problem('setting_invalid', 'error', 'settings', settings.rowOf[missing[0]!] ?? null, 'value', '', {
      en: fill(MSG.noCycle, { missing: labels.map((l) => l.en).join(', ') }).en,
      zh: fill(MSG.noCycle, { missing: labels.map((l) => l.zh).join('、') }).zh,
    }, MSG.noCycleFix));
    return problems;
  }
  if (settings.cycleStart === null || settings.cycleEnd === null) return problems;
  const start = settings.cycleStart!;
  const end = settings.cycleEnd!;
  if (end < start) {
    problems.push(problem('setting_invalid', 'error', 'settings', settings.rowOf.cycleEnd ?? null, 'value', isoFromDay(end),
      fill(MSG.cycleInverted, { start: isoFromDay(start), end: isoFromDay(end) }), MSG.noCycleFix));
    return problems;
  }
  for (const entry of workbook.weekly) {
    // A week that starts up to six days before the cycle still overlaps it.
    if (entry.week !== null && (entry.week < start - 6 || entry.week > end)) {
      problems.push(problem('weekly_outside_cycle', 'warning', 'weekly', entry.row, 'week', isoFromDay(entry.week),
        fill(MSG.weeklyOutside, { week: isoFromDay(entry.week), start: isoFromDay(start), end: isoFromDay(end) }), MSG.weeklyOutsideFix));
    }
  }
  return problems;
}

const TAB_ORDER: readonly TabKey[] = ['settings', 'team', 'goals', 'strategy', 'tracking', 'weekly', 'evaluation', 'costs', 'retrospective', 'playbook', 'log'];

/** Every problem in the workbook, in tab then row order: what Check data shows and the report lists. */
export function checkWorkbook(workbook: Workbook, time: TimeContext): Problem[] {
  const { settings } = workbook;
  const calendar = calendarProblems(workCalendar(settings.workCalendar), settings.cycleStart, settings.cycleEnd, settings.rowOf.workCalendar ?? null);
  const all = [
    ...workbook.problems, ...cycleProblems(workbook), ...calendar, ...ownerProblems(workbook), ...goalSumProblems(workbook), ...taskProblems(workbook, time),
  ];
  return all
    .map((p, i) => ({ p, i }))
    .sort((a, b) => TAB_ORDER.indexOf(a.p.tab) - TAB_ORDER.indexOf(b.p.tab) || (a.p.row ?? 0) - (b.p.row ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}
