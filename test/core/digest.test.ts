import fc from 'fast-check';
import {
  LOCK_RETRY_AFTER_MS, LOCK_RETRY_MAX, QUOTA_RETRY_AFTER_MS, SENT_PREFIX, addressProblem, dayInPeriod, encodeChunks, formatRun, isoWeekOf,
  autoKind, lastDayOfMonth, lockRetryDecision, nextDailyRun, nextWeeklyRun, parseRetry, retryProperty, periodEnd, periodKey, periodStart, planReminders, quotaRetryAt, readLedger, recipientKey,
  reminderScheduleProblems, retryAllowed, scheduleSends, weekStartOf, writeLedger, type PlannedEmail, type ReminderOptions, type ReminderPlan,
  WEEKLY_SENT_ON_PROPERTY, autoRun, encodeWeeklySentOn, isWorkday, otherDayKind, weeklyAlreadySent, weeklySentOn,
} from '../../src/core/digest';
import { kindLabel, oneLine, periodLabel, renderPreview, statusCellWritable, uiText } from '../../src/core/emailText';
import { exampleGrids } from '../../src/core/example';
import { Lang } from '../../src/core/i18n';
import { readWorkbook } from '../../src/core/model';
import { CellValue, dayFromIso, utcDayOf, weekdayOf } from '../../src/core/values';

type Grids = Record<string, CellValue[][]>;
const URL = 'https://docs.google.com/spreadsheets/d/abc/edit';
const GIDS = { tracking: 111, retrospective: 222, weekly: 333 };

function plan(today: string, edit?: (g: Grids) => void, opts: Partial<ReminderOptions> = {}, lang: Lang = 'en'): ReminderPlan {
  const grids = exampleGrids(lang) as Grids;
  edit?.(grids);
  const time = { today: dayFromIso(today), dayOf: utcDayOf };
  return planReminders(readWorkbook(grids, time), time, { sheetUrl: URL, tabGids: GIDS, sheetLang: lang, sentBy: 'director@example.com', ...opts });
}

/** A tracking row in schema column order. */
function task(name: string, owner: string, planned: string, extra: { status?: string; nextStepDue?: string; frequency?: string; updated?: CellValue; nextStep?: string } = {}): CellValue[] {
  return ['Execute', name, owner, planned, extra.status ?? 'In progress', '', '', '', extra.nextStep ?? '', extra.nextStepDue ?? '', extra.frequency ?? 'Weekly', extra.updated ?? ''];
}

const emailTo = (p: ReminderPlan, to: string): PlannedEmail | undefined => p.emails.find((e) => e.to === to && e.role === 'owner');
const digestOf = (p: ReminderPlan, name: string) => p.digests.find((d) => d.name === name);
// Tracking rows 2-4 hold the seed's three tasks; planted tasks start at row 5.
const PLANTED = 5;

describe('the worked example (East China, 2023 Q3) on Friday 2023-07-28', () => {
  it('plans one weekly email per owner with something to say, managers first', () => {
    const p = plan('2023-07-28');
    expect(p.kind).toBe('weekly');
    expect(p.period).toBe('weekly:2023-W30');
    expect(p.emails.map((e) => [e.role, e.to])).toEqual([
      ['manager', 'director@example.com'],
      ['owner', 'zhang@example.com'],
      ['owner', 'li@example.com'],
      ['owner', 'wang@example.com'],
    ]);
    expect(p.skipped).toEqual([]);
  });

  it("lists Wang's open contract follow-up as not updated (due 10 August, the later next step) and nothing of others", () => {
    const p = plan('2023-07-28');
    const wang = digestOf(p, 'Wang*')!;
    expect(wang.stale.map((t) => [t.row, t.task, t.due])).toEqual([[4, 'Follow up new-customer contracts', dayFromIso('2023-08-10')]]);
    expect(wang.overdue).toEqual([]);
    expect(wang.dueSoon).toEqual([]);
    expect(wang.numbersRequest).toBe(false); // Wang logged the week of 2023-07-24
    const email = emailTo(p, 'wang@example.com')!;
    expect(email.rows).toEqual([{ tab: 'tracking', row: 4 }]);
    expect(email.html).toContain(`<a href="${URL}#gid=111&amp;range=A4">Follow up new-customer contracts [Execute]</a>`);
    expect(email.text).toContain(`${URL}#gid=111&range=A4`);
    expect(email.html).not.toContain('Research East China manufacturing customers');
    expect(email.html).not.toContain('Shanghai trade show');
  });

  it('asks Zhang and Li (who report numbers) for this week\'s numbers; Zhao has nothing to say and gets nothing', () => {
    const p = plan('2023-07-28');
    expect(digestOf(p, 'Zhang*')!.numbersRequest).toBe(true);
    expect(emailTo(p, 'zhang@example.com')!.text).toContain("Please enter this week's numbers (week of 2023-07-24) in Weekly log: Visits, Leads, New customers, Revenue, Cost.");
    expect(digestOf(p, 'Li*')!.numbersRequest).toBe(true);
    expect(digestOf(p, 'Zhao*')).toBeUndefined();
    expect(p.emails.some((e) => e.to === 'zhao@example.com')).toBe(false);
  });

  it('writes the Chinese sheet in Chinese, subject with team and week', () => {
    const p = plan('2023-07-28', undefined, {}, 'zh-CN');
    expect(p.emails.map((e) => e.subject)).toEqual([
      '【华东销售团队】每周汇总（2023年第30周）',
      '【华东销售团队】本周提醒（2023年第30周）',
      '【华东销售团队】本周提醒（2023年第30周）',
      '【华东销售团队】本周提醒（2023年第30周）',
    ]);
    expect(emailTo(p, 'wang@example.com')!.text).toContain('新增客户签约跟进 [执行] （执行跟踪 第 4 行）');
    expect(emailTo(p, 'wang@example.com')!.text).toContain('下一步计划：8月10日前推动剩余2家签约');
  });
});

describe("managers' summary", () => {
  it('on 2023-07-31: new customers 12 against 15 expected (July in full) = 80%, at risk; run rate 35.6', () => {
    const p = plan('2023-07-31', undefined, { kind: 'weekly' });
    const target = p.summary!.targets.find((t) => t.metricKey === 'new_customers')!;
    expect(target.target).toBe(50);
    expect(target.expected).toBe(15);
    expect(target.actual).toBe(12);
    expect(target.rate).toBeCloseTo(0.8, 10);
    expect(target.status).toBe('at_risk');
    expect(target.projection).toBeCloseTo((12 / 31) * 92, 10);
    const revenue = p.summary!.targets.find((t) => t.metricKey === 'revenue')!;
    expect(revenue.expected).toBeCloseTo((200 * 31) / 92, 10); // no monthly targets: the cycle target pro rata
    expect(revenue.actual).toBe(60);
    const conversion = p.summary!.targets.find((t) => t.metricKey === 'lead_conversion')!;
    expect(conversion.expected).toBeCloseTo(0.15, 10); // a rate is not pro-rated
    // Derived from the Weekly log: 12 new customers of 150 leads in July.
    expect(conversion.actual).toBeCloseTo(12 / 150, 10);
    expect(conversion.status).toBe('off_track');
    const html = p.emails[0]!.html;
    expect(html).toContain('<td style="vertical-align:top;border-bottom:1px solid #eee;padding:4px">15</td>');
    expect(p.summary!.cycleDay).toBe(31);
    expect(p.summary!.cycleDays).toBe(92);
  });

  it('counts overdue tasks by owner and puts the worst first among the risks', () => {
    const p = plan('2023-07-28', (g) => {
      g.tracking!.push(task('Call dealers', 'Li*', '2023-07-20'));
      g.tracking!.push(task('Send samples', 'Li*', '2023-07-26'));
      g.tracking!.push(task('Prepare quotes', 'Wang*', '2023-07-25'));
    });
    const s = p.summary!;
    // Every owner in Team order, with the targets they answer for, open and overdue tasks (ownerPerformance.ts).
    expect(s.owners.map((o) => [o.name, o.open, o.overdue, o.targets.map((t) => `${t.metricKey}:${t.status}`)])).toEqual([
      ['Zhang*', 0, 0, ['revenue:off_track']], ['Li*', 2, 2, ['lead_conversion:off_track']], ['Wang*', 2, 1, ['new_customers:off_track', 'visits:on_track']],
    ]);
    const tasks = s.risks.filter((r) => r.kind === 'task').map((r) => (r.kind === 'task' ? [r.item.task, r.item.daysOverdue] : null));
    // Targets furthest behind first (lead conversion 8.3% of 15%, new customers 74%, revenue 79%), then the most overdue tasks.
    expect(s.risks.slice(0, 3).map((r) => (r.kind === 'metric' ? r.target.metricKey : r.kind))).toEqual(['lead_conversion', 'new_customers', 'revenue']);
    expect(tasks).toEqual([['Call dealers', 8], ['Prepare quotes', 3]]);
    expect(s.risks).toHaveLength(5); // at most 5
  });
});

describe('planted cases', () => {
  it('overdue by 1 day', () => {
    const p = plan('2023-07-28', (g) => { g.tracking!.push(task('Book the venue', 'Zhao*', '2023-07-27')); });
    const zhao = digestOf(p, 'Zhao*')!;
    expect(zhao.overdue.map((t) => [t.row, t.daysOverdue])).toEqual([[PLANTED, 1]]);
    expect(emailTo(p, 'zhao@example.com')!.text).toContain('Overdue (1)\n- Book the venue [Execute] (Tracking, row 5)\n  1 day overdue (due 2023-07-27) · never updated');
  });

  it('due in 7 days is listed, due in 8 days is not', () => {
    const p = plan('2023-07-28', (g) => {
      g.tracking!.push(task('Print brochures', 'Zhao*', '2023-08-04', { updated: '2023-07-27' }));
      g.tracking!.push(task('Plan September event', 'Zhao*', '2023-08-05', { updated: '2023-07-27' }));
    });
    const zhao = digestOf(p, 'Zhao*')!;
    expect(zhao.dueSoon.map((t) => t.task)).toEqual(['Print brochures']);
    expect(zhao.stale).toEqual([]);
    expect(emailTo(p, 'zhao@example.com')!.text).toContain('due in 7 days (2023-08-04)');
  });

  it('not updated this week: updated last Sunday is stale, updated this Monday is not', () => {
    const p = plan('2023-07-28', (g) => {
      g.tracking!.push(task('Update CRM', 'Zhao*', '2023-09-30', { updated: '2023-07-23', status: 'In progress' }));
      g.tracking!.push(task('Call back leads', 'Zhao*', '2023-09-30', { updated: '2023-07-24', status: 'In progress' }));
    });
    expect(digestOf(p, 'Zhao*')!.stale.map((t) => t.task)).toEqual(['Update CRM']);
    expect(emailTo(p, 'zhao@example.com')!.text).toContain('last updated 2023-07-23');
  });

  it('a daily task goes into the daily digest (daily tasks only) and into the weekly one, marked', () => {
    const edit = (g: Grids): void => {
      g.tracking!.push(task('Prepare trade show booth', 'Zhao*', '2023-07-28', { frequency: 'Daily', updated: '2023-07-25' }));
      g.tracking!.push(task('Weekly visit plan', 'Zhao*', '2023-07-28', { frequency: 'Weekly', updated: '2023-07-25' }));
    };
    const daily = plan('2023-07-27', edit);
    expect(daily.kind).toBe('daily');
    expect(daily.period).toBe('daily:2023-07-27');
    expect(daily.summary).toBeNull();
    const zhao = digestOf(daily, 'Zhao*')!;
    expect(zhao.dueSoon.map((t) => t.task)).toEqual(['Prepare trade show booth']);
    expect(zhao.stale).toEqual([]);
    expect(daily.emails.map((e) => e.to)).toEqual(['zhao@example.com']);
    expect(daily.emails[0]!.subject).toBe('[East China sales team] Daily reminders, 2023-07-27 (week 2023-W30)');
    const weekly = plan('2023-07-28', edit);
    expect(digestOf(weekly, 'Zhao*')!.dueSoon.map((t) => t.task)).toEqual(['Prepare trade show booth', 'Weekly visit plan']);
    expect(emailTo(weekly, 'zhao@example.com')!.text).toContain('due today (2023-07-28) · status: In progress · tracked daily');
  });

  it('a monthly task is reminded on the month\'s last day only (the month-end digest, or the weekly run when it falls on that day)', () => {
    const edit = (g: Grids): void => { g.tracking!.push(task('Review quarter pipeline', 'Zhao*', '2023-09-30', { frequency: 'Monthly', updated: '2023-06-28' })); };
    expect(digestOf(plan('2023-07-21', edit), 'Zhao*')).toBeUndefined();
    // The last Friday of July is 3 days before month end: not early any more (it used to list the task).
    expect(digestOf(plan('2023-07-28', edit), 'Zhao*')).toBeUndefined();
    // A weekly run on the month's last day (Friday 30 June) lists it: no separate month-end digest that day.
    const june = plan('2023-06-30', (g) => { g.tracking!.push(task('Review quarter pipeline', 'Zhao*', '2023-09-30', { frequency: 'Monthly', updated: '2023-05-28' })); });
    expect(june.kind).toBe('weekly');
    expect(digestOf(june, 'Zhao*')!.stale.map((t) => t.task)).toEqual(['Review quarter pipeline']);
    const monthEnd = plan('2023-07-31', edit);
    expect(monthEnd.kind).toBe('monthly');
    expect(monthEnd.period).toBe('monthly:2023-07');
    expect(digestOf(monthEnd, 'Zhao*')!.stale.map((t) => t.task)).toEqual(['Review quarter pipeline']);
    expect(monthEnd.emails[0]!.subject).toBe('[East China sales team] Month-end reminders, 2023-07 (week 2023-W31)');
  });

  it('an overdue monthly task is in the weekly digest whatever the day', () => {
    const p = plan('2023-07-28', (g) => { g.tracking!.push(task('Monthly partner review', 'Zhao*', '2023-07-20', { frequency: 'Monthly' })); });
    expect(digestOf(p, 'Zhao*')!.overdue.map((t) => [t.task, t.daysOverdue])).toEqual([['Monthly partner review', 8]]);
  });

  it('the month-end digest also holds the daily tasks (daily rules), so each person gets one email that day', () => {
    const edit = (g: Grids): void => {
      g.tracking!.push(task('Review quarter pipeline', 'Zhao*', '2023-09-30', { frequency: 'Monthly', updated: '2023-07-03' }));
      g.tracking!.push(task('Call new leads', 'Zhao*', '2023-09-30', { frequency: 'Daily', updated: '2023-07-29' }));
      g.tracking!.push(task('Confirm booth', 'Zhao*', '2023-08-01', { frequency: 'Daily', updated: '2023-07-31' }));
      g.tracking!.push(task('Check visit log', 'Li*', '2023-09-30', { frequency: 'Daily', updated: '2023-07-30' }));
      g.tracking!.push(task('Weekly visit plan', 'Li*', '2023-09-30', { frequency: 'Weekly', updated: '2023-07-01' }));
    };
    const p = plan('2023-07-31', edit); // Monday, the month's last day (the reminder weekday is Friday)
    expect([p.kind, p.period, p.summary]).toEqual(['monthly', 'monthly:2023-07', null]);
    const zhao = digestOf(p, 'Zhao*')!;
    // Updated 3 July is this month: the monthly task is fine. Updated 29 July is before yesterday: the daily task is stale.
    expect(zhao.stale.map((t) => t.task)).toEqual(['Call new leads']);
    expect(zhao.dueSoon.map((t) => t.task)).toEqual(['Confirm booth']);
    expect(zhao.numbersRequest).toBe(false);
    expect(zhao.retro).toEqual([]);
    // Li's daily task was updated yesterday; the weekly task belongs to Friday's digest: Li gets nothing.
    expect(digestOf(p, 'Li*')).toBeUndefined();
    expect(p.emails.map((e) => e.to)).toEqual(['zhao@example.com']);
    const email = p.emails[0]!;
    expect(email.subject).toBe('[East China sales team] Month-end reminders, 2023-07 (week 2023-W31)');
    expect(email.text).toContain('Your monthly-tracked tasks in East China sales team (2023 Q3) at the end of 2023-07, and your daily-tracked tasks for 2023-07-31.');
    expect(email.text).toContain('Due in the next 7 days (1)\n- Confirm booth [Execute]');
    expect(email.text).toContain('Daily tasks not updated since yesterday (1)\n- Call new leads [Execute]');
    expect(email.text).not.toContain('Not updated this month');
    const zh = plan('2023-07-31', (g) => { g.tracking!.push(task('每日回访', '赵*', '2023-09-30', { frequency: '每日', updated: '2023-07-01' })); }, {}, 'zh-CN');
    expect(zh.emails[0]!.text).toContain('昨天以来未更新的每日任务（1）');
    expect(zh.emails[0]!.text).toContain('以及 2023-07-31 需要每日跟踪的任务');
  });

  it('picks the digest of a day: weekly on the reminder weekday (even at month end), month-end on the last day, else daily', () => {
    expect(autoKind(dayFromIso('2023-07-28'), 5)).toBe('weekly');
    expect(autoKind(dayFromIso('2023-06-30'), 5)).toBe('weekly'); // a Friday and the month's last day
    expect(autoKind(dayFromIso('2023-07-31'), 5)).toBe('monthly');
    expect(autoKind(dayFromIso('2023-07-27'), 5)).toBe('daily');
    expect(autoKind(dayFromIso('2023-07-31'), 1)).toBe('weekly');
    fc.assert(fc.property(fc.integer({ min: dayFromIso('2020-01-01'), max: dayFromIso('2030-12-31') }), fc.integer({ min: 0, max: 6 }), (today, weekday) => {
      const kind = autoKind(today, weekday);
      expect(kind === 'weekly').toBe(weekdayOf(today) === weekday);
      if (kind !== 'weekly') expect(kind === 'monthly').toBe(lastDayOfMonth(today) === today);
    }));
  });

  it('the trigger sends daily digests Monday to Friday only; the weekly and month-end digests on any day of the week', () => {
    expect(['2023-07-24', '2023-07-28', '2023-07-29', '2023-07-30'].map((d) => isWorkday(dayFromIso(d)))).toEqual([true, true, false, false]);
    expect(autoRun(dayFromIso('2023-07-27'), 5)).toBe('daily'); // Thursday
    expect(autoRun(dayFromIso('2023-07-29'), 5)).toBeNull(); // Saturday
    expect(autoRun(dayFromIso('2023-07-30'), 5)).toBeNull(); // Sunday
    expect(autoRun(dayFromIso('2023-07-29'), 6)).toBe('weekly'); // Saturday is the weekday
    expect(autoRun(dayFromIso('2023-09-30'), 5)).toBe('monthly'); // a Saturday and the month's last day
    expect(autoRun(dayFromIso('2023-12-31'), 5)).toBe('monthly'); // a Sunday and the month's last day
    expect(otherDayKind(dayFromIso('2023-09-30'))).toBe('monthly');
    expect(otherDayKind(dayFromIso('2023-07-28'))).toBe('daily');
    expect(otherDayKind(dayFromIso('2023-07-29'))).toBeNull();
    fc.assert(fc.property(fc.integer({ min: dayFromIso('2020-01-01'), max: dayFromIso('2030-12-31') }), fc.integer({ min: 0, max: 6 }), (today, weekday) => {
      const kind = autoRun(today, weekday);
      const auto = autoKind(today, weekday);
      // Same as autoKind except that a daily digest falls on a working day only.
      expect(kind).toBe(auto === 'daily' && (weekdayOf(today) === 0 || weekdayOf(today) === 6) ? null : auto);
    }));
  });

  it('"auto" plans nothing on a Saturday or Sunday without the weekly or month-end digest (as the trigger sends)', () => {
    const daily = (g: Grids): void => { g.tracking!.push(task('Call new leads', 'Zhao*', '2023-07-29', { frequency: 'Daily', updated: '2023-07-20' })); };
    const saturday = plan('2023-07-29', daily);
    expect([saturday.kind, saturday.period, saturday.emails, saturday.skipped, saturday.digests]).toEqual(['daily', 'daily:2023-07-29', [], [], []]);
    // Asked for by name, the daily digest is still planned; on Friday "auto" plans it as before.
    expect(plan('2023-07-29', daily, { kind: 'daily' }).emails.map((e) => e.to)).toEqual(['zhao@example.com']);
    expect(plan('2023-07-27', daily).emails.map((e) => [e.kind, e.to])).toEqual([['daily', 'zhao@example.com']]);
  });

  it('an owner cell with two names (张、赵 / "Zhang, Zhao") reminds both, matching 张 to 张*', () => {
    const zh = plan('2023-08-18', undefined, {}, 'zh-CN');
    expect(digestOf(zh, '张*')!.retro.map((r) => [r.row, r.daysOverdue])).toEqual([[3, -2]]);
    expect(digestOf(zh, '赵*')!.retro.map((r) => r.row)).toEqual([3]);
    expect(zh.emails.find((e) => e.to === 'zhao@example.com')!.html).toContain('引入CRM系统，统一客户跟进记录');
    const en = plan('2023-07-28', (g) => { g.tracking!.push(task('Joint field push', 'Zhang, Zhao', '2023-07-26')); });
    expect(digestOf(en, 'Zhang*')!.overdue.map((t) => t.task)).toEqual(['Joint field push']);
    expect(digestOf(en, 'Zhao*')!.overdue.map((t) => t.task)).toEqual(['Joint field push']);
  });

  it('an owner missing from Team is skipped and reported to the managers', () => {
    const p = plan('2023-07-28', (g) => { g.tracking!.push(task('Visit Hangzhou dealers', 'Chen', '2023-07-20')); });
    expect(p.skipped).toEqual([{ name: 'Chen', email: '', role: 'owner', reason: 'not_in_team', rows: [{ tab: 'tracking', row: PLANTED }] }]);
    const summary = p.emails[0]!;
    expect(summary.role).toBe('manager');
    expect(summary.text).toContain('Not reminded\n- Chen | Email:  | Reason: not in Team: add them to the Team tab with an email | Rows: Tracking, row 5');
    expect(p.emails.filter((e) => e.html.includes('Visit Hangzhou dealers')).map((e) => e.to)).toEqual(['director@example.com']);
  });

  it('skips invalid and not-allowed addresses and people who opted out, and reports them', () => {
    const p = plan('2023-07-28', (g) => {
      g.team![2]![1] = 'li@gmail.com'; // Li: outside example.com
      g.team![3]![1] = 'wang at example'; // Wang: not an address
      g.team![1]![4] = 'No'; // Zhang: opted out
    });
    expect(p.skipped.map((s) => [s.name, s.reason])).toEqual([['Zhang*', 'opted_out'], ['Li*', 'domain_not_allowed'], ['Wang*', 'invalid_email']]);
    expect(p.emails.map((e) => e.to)).toEqual(['director@example.com']);
    expect(p.emails[0]!.html).toContain('outside the allowed email domains (Settings)');
  });

  it("writes each owner's email in their Team language, else the sheet's", () => {
    const p = plan('2023-07-28', (g) => { g.team![3]![5] = '简体中文'; });
    expect(emailTo(p, 'wang@example.com')!.lang).toBe('zh-CN');
    expect(emailTo(p, 'wang@example.com')!.subject).toBe('【East China sales team】本周提醒（2023年第30周）');
    expect(emailTo(p, 'li@example.com')!.lang).toBe('en');
  });

  it('escapes every cell text in HTML and keeps subjects on one line', () => {
    const p = plan('2023-07-28', (g) => {
      g.tracking!.push(task('<img src=x onerror=alert(1)>', 'Zhao*', '2023-07-27', { nextStep: '"quoted" & <b>bold</b>' }));
      g.settings![1]![1] = 'East China\r\nBcc: everyone@example.com';
    });
    const email = emailTo(p, 'zhao@example.com')!;
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;');
    for (const e of p.emails) expect(e.subject).not.toMatch(/[\r\n]/);
    expect(email.subject).toBe('[East China Bcc: everyone@example.com] Your reminders, week 2023-W30');
    expect(p.emails[0]!.html).toContain('&lt;img src=x onerror=alert(1)&gt;'); // in the risks
    expect(p.emails[0]!.html).not.toContain('<img');
  });

  it('done tasks are never listed, and nobody gets an email after the cycle when nothing is open', () => {
    const p = plan('2023-10-09', (g) => {
      g.tracking![3]![4] = 'Done';
      g.retrospective!.forEach((row, i) => { if (i > 0) row[6] = 'Done'; });
    });
    expect(p.emails.filter((e) => e.role === 'owner')).toEqual([]);
  });
});

describe('periods, schedule and the sent ledger', () => {
  it('names periods by ISO week, day and month', () => {
    expect(periodKey('weekly', dayFromIso('2023-07-28'))).toBe('weekly:2023-W30');
    expect(periodKey('weekly', dayFromIso('2021-01-03'))).toBe('weekly:2020-W53');
    expect(periodKey('weekly', dayFromIso('2024-12-30'))).toBe('weekly:2025-W01');
    expect(periodKey('daily', dayFromIso('2023-07-28'))).toBe('daily:2023-07-28');
    expect(periodKey('monthly', dayFromIso('2023-07-28'))).toBe('monthly:2023-07');
    expect(periodStart('weekly:2023-W30')).toBe(dayFromIso('2023-07-24'));
    expect(periodStart('nonsense')).toBeNull();
  });

  it('periodStart inverts periodKey for any day', () => {
    fc.assert(fc.property(fc.integer({ min: dayFromIso('1990-01-01'), max: dayFromIso('2100-12-31') }), (day) => {
      expect(periodStart(periodKey('weekly', day))).toBe(weekStartOf(day));
      expect(periodStart(periodKey('daily', day))).toBe(day);
      const { week } = isoWeekOf(day);
      expect(week).toBeGreaterThanOrEqual(1);
      expect(week).toBeLessThanOrEqual(53);
    }));
  });

  it('finds the next run of a weekly trigger', () => {
    const thu = dayFromIso('2023-07-27');
    expect(nextWeeklyRun(thu, 15, 5, 9)).toEqual({ day: dayFromIso('2023-07-28'), hour: 9 });
    expect(nextWeeklyRun(thu + 1, 8, 5, 9)).toEqual({ day: dayFromIso('2023-07-28'), hour: 9 });
    expect(nextWeeklyRun(thu + 1, 9, 5, 9)).toEqual({ day: dayFromIso('2023-08-04'), hour: 9 });
  });

  it('checks addresses against the allowed domains (subdomains included)', () => {
    expect(addressProblem('a@example.com', ['example.com'])).toBeNull();
    expect(addressProblem('a@sales.example.com', ['example.com'])).toBeNull();
    expect(addressProblem('a@badexample.com', ['example.com'])).toBe('domain_not_allowed');
    expect(addressProblem('a@x.org', [])).toBeNull();
    expect(addressProblem('', [])).toBe('no_email');
    expect(addressProblem('a@b\n.com', [])).toBe('invalid_email');
  });

  const email = (role: 'owner' | 'manager', to: string): PlannedEmail => ({
    to, role, name: to, lang: 'en', kind: 'weekly', period: 'weekly:2023-W30', subject: 's', html: '', text: '', rows: [],
  });

  it('sends managers first, then people deferred earlier, never anyone twice, within the quota', () => {
    const emails = [email('manager', 'boss@x.com'), email('owner', 'a@x.com'), email('owner', 'b@x.com'), email('owner', 'c@x.com'), email('manager', 'vp@x.com')];
    const first = scheduleSends(emails, { sent: new Set(), deferred: new Set() }, 3);
    expect(first.send.map((e) => e.to)).toEqual(['boss@x.com', 'vp@x.com', 'a@x.com']);
    expect(first.deferred.map((e) => e.to)).toEqual(['b@x.com', 'c@x.com']);
    const second = scheduleSends(emails, { sent: new Set(first.send.map(recipientKey)), deferred: new Set(['o:c@x.com']) }, 1);
    expect(second.send.map((e) => e.to)).toEqual(['c@x.com']);
    expect(second.alreadySent.map((e) => e.to)).toEqual(['boss@x.com', 'a@x.com', 'vp@x.com']);
  });

  it('schedules every email exactly once whatever the quota (property)', () => {
    const arb = fc.array(fc.record({ role: fc.constantFrom<'owner' | 'manager'>('owner', 'manager'), n: fc.integer({ min: 0, max: 8 }) }), { maxLength: 20 });
    fc.assert(fc.property(arb, fc.integer({ min: 0, max: 25 }), fc.array(fc.integer({ min: 0, max: 8 })), (list, quota, sentIds) => {
      const emails = list.map((x) => email(x.role, `p${x.n}@x.com`));
      const sent = new Set(sentIds.map((n) => `o:p${n}@x.com`));
      const s = scheduleSends(emails, { sent, deferred: new Set() }, quota);
      const unique = new Set(emails.map(recipientKey));
      expect(s.send.length + s.deferred.length + s.alreadySent.length).toBe(unique.size);
      expect(s.send.length).toBeLessThanOrEqual(quota);
      expect(s.send.every((e) => !sent.has(recipientKey(e)))).toBe(true);
      const firstOwner = s.send.findIndex((e) => e.role === 'owner');
      if (firstOwner >= 0) expect(s.send.slice(firstOwner).every((e) => e.role === 'owner')).toBe(true);
      if (s.deferred.length > 0) expect(s.send.length).toBe(quota);
    }));
  });

  it('keeps each property value under 9 KB and reads back what it wrote', () => {
    const keys = Array.from({ length: 1200 }, (_, i) => `o:person.number.${i}@example.com`);
    const set = encodeChunks(SENT_PREFIX, 'weekly:2023-W30', keys);
    expect(Object.keys(set).length).toBeGreaterThan(1);
    for (const value of Object.values(set)) expect(Buffer.byteLength(value)).toBeLessThanOrEqual(9 * 1024);
    const ledger = readLedger(set, 'weekly:2023-W30', dayFromIso('2023-07-28'));
    expect([...ledger.sent].sort()).toEqual([...keys].sort());
  });

  it('prunes records older than 62 days and replaces deferrals of an earlier period', () => {
    const props = {
      'reminders.sent.weekly:2023-W10': '["o:a@x.com"]',
      'reminders.sent.weekly:2023-W29': '["o:a@x.com"]',
      'reminders.deferred.weekly:2023-W29': '["o:b@x.com"]',
      'reminders.sent.weekly:2023-W30': '["m:boss@x.com"]',
      'reminders.deferred.weekly:2023-W30': '["o:c@x.com"]',
      'reminders.status': '{}',
    };
    const ledger = readLedger(props, 'weekly:2023-W30', dayFromIso('2023-07-28'));
    expect([...ledger.sent]).toEqual(['m:boss@x.com']);
    expect([...ledger.deferred]).toEqual(['o:c@x.com']);
    expect(ledger.superseded).toEqual([{ period: 'weekly:2023-W29', key: 'o:b@x.com' }]);
    expect([...ledger.obsolete].sort()).toEqual(['reminders.deferred.weekly:2023-W29', 'reminders.sent.weekly:2023-W10']);
    const write = writeLedger(props, 'weekly:2023-W30', ['m:boss@x.com', 'o:c@x.com'], []);
    expect(write.set).toEqual({ 'reminders.sent.weekly:2023-W30': '["m:boss@x.com","o:c@x.com"]' });
    expect(write.remove).toEqual(['reminders.deferred.weekly:2023-W30']);
  });

  it('renders a preview that marks what was already sent and escapes subjects', () => {
    const p = plan('2023-07-28', (g) => { g.tracking!.push(task('<script>x</script>', 'Zhao*', '2023-07-27')); });
    const html = renderPreview(p, (e) => e.role === 'manager', 12, 'en');
    expect(html).toContain('week 2023-W30: 5 emails would be sent (1 already sent in this period). Mail quota left today: 12.');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('oneLine removes every kind of line break', () => {
    expect(oneLine('a\r\nb\u2028c\nd')).toBe('a b c d');
  });
});

describe('retries and the schedule', () => {
  const day = (iso: string): number => dayFromIso(iso);
  const shanghaiDay = (d: Date): number => utcDayOf(new Date(d.getTime() + 8 * 3_600_000));

  it('knows where each period ends, and plans a late retry as the period\'s last day', () => {
    expect(periodEnd('weekly:2023-W30')).toBe(day('2023-07-30'));
    expect(periodEnd('daily:2023-07-28')).toBe(day('2023-07-28'));
    expect(periodEnd('monthly:2023-02')).toBe(day('2023-02-28'));
    expect(periodEnd('nonsense')).toBeNull();
    expect(dayInPeriod('weekly:2023-W30', day('2023-07-29'))).toBe(day('2023-07-29'));
    expect(dayInPeriod('weekly:2023-W30', day('2023-07-31'))).toBe(day('2023-07-30'));
    expect(periodKey('weekly', dayInPeriod('weekly:2023-W30', day('2023-08-02')))).toBe('weekly:2023-W30');
    fc.assert(fc.property(fc.integer({ min: day('2020-01-01'), max: day('2030-12-31') }), fc.integer({ min: -40, max: 40 }), (start, offset) => {
      const period = periodKey('weekly', start);
      expect(periodKey('weekly', dayInPeriod(period, start + offset))).toBe(period);
    }));
  });

  it('shows the next run as a date and hour', () => {
    expect(formatRun(nextWeeklyRun(day('2023-08-20'), 10, 5, 9))).toBe('2023-08-25 09:00');
    expect(formatRun(nextDailyRun(day('2023-08-20'), 8, 9))).toBe('2023-08-20 09:00');
    expect(formatRun(nextDailyRun(day('2023-08-20'), 9, 9))).toBe('2023-08-21 09:00');
    expect(formatRun(nextDailyRun(day('2023-08-31'), 23, 9))).toBe('2023-09-01 09:00');
  });

  it('keeps one retry record per digest kind, so a daily run never replaces a weekly retry', () => {
    expect(retryProperty('weekly')).toBe('reminders.retry');
    expect(retryProperty('daily')).toBe('reminders.retry.daily');
    expect(retryProperty('monthly')).toBe('reminders.retry.monthly');
  });

  it('does not retry a daily digest after its day (the next day has its own), but retries month-end ones', () => {
    const thursday9 = Date.parse('2023-07-27T09:00:00+08:00');
    expect(quotaRetryAt('daily:2023-07-27', thursday9, shanghaiDay)).toBeNull();
    expect(retryAllowed('daily:2023-07-27', day('2023-07-27'))).toBe(true);
    expect(retryAllowed('daily:2023-07-27', day('2023-07-28'))).toBe(false);
    expect(lockRetryDecision('daily:2023-07-27', null, thursday9, shanghaiDay)).toMatchObject({ retry: true, attempt: 1 });
    expect(lockRetryDecision('daily:2023-07-27', null, Date.parse('2023-07-27T23:55:00+08:00'), shanghaiDay)).toEqual({ retry: false, attempts: 0 });
    const monthEnd9 = Date.parse('2023-07-31T09:00:00+08:00');
    expect(quotaRetryAt('monthly:2023-07', monthEnd9, shanghaiDay)).toBe(monthEnd9 + QUOTA_RETRY_AFTER_MS);
  });

  it('retries a busy lock every 10 minutes, at most 6 times', () => {
    const friday9 = Date.parse('2023-07-28T09:00:00+08:00');
    expect(lockRetryDecision('weekly:2023-W30', null, friday9, shanghaiDay)).toEqual({ retry: true, attempt: 1, at: friday9 + LOCK_RETRY_AFTER_MS });
    expect(lockRetryDecision('weekly:2023-W30', { attempt: LOCK_RETRY_MAX - 1 }, friday9, shanghaiDay)).toMatchObject({ retry: true, attempt: LOCK_RETRY_MAX });
    expect(lockRetryDecision('weekly:2023-W30', { attempt: LOCK_RETRY_MAX }, friday9, shanghaiDay)).toEqual({ retry: false, attempts: LOCK_RETRY_MAX });
  });

  it('sends held-back emails a day later, while the period (plus a week of grace) lasts', () => {
    const friday9 = Date.parse('2023-07-28T09:00:00+08:00');
    expect(quotaRetryAt('weekly:2023-W30', friday9, shanghaiDay)).toBe(friday9 + QUOTA_RETRY_AFTER_MS);
    expect(new Date(friday9 + QUOTA_RETRY_AFTER_MS).toISOString()).toBe('2023-07-29T01:05:00.000Z'); // Saturday 09:05 Shanghai
    expect(retryAllowed('weekly:2023-W30', day('2023-08-05'))).toBe(true);
    expect(retryAllowed('weekly:2023-W30', day('2023-08-06'))).toBe(false);
    expect(quotaRetryAt('weekly:2023-W30', Date.parse('2023-08-05T12:00:00+08:00'), shanghaiDay)).toBeNull();
  });

  it('reads a retry record back, and nothing from a damaged one', () => {
    const record = { id: '42', period: 'weekly:2023-W30', scope: 'deferred', origin: 'now', attempt: 2, at: 5 };
    expect(parseRetry(JSON.stringify(record))).toEqual(record);
    expect(parseRetry(JSON.stringify({ id: '42', period: 'weekly:2023-W30' }))).toEqual({ id: '42', period: 'weekly:2023-W30', scope: 'all', origin: 'trigger', attempt: 0, at: 0 });
    expect(parseRetry('{')).toBeNull();
    expect(parseRetry(JSON.stringify({ id: '42', period: 'soon' }))).toBeNull();
    expect(parseRetry(null)).toBeNull();
  });

  it('reports a bad reminder weekday or hour with its Settings row, the value and what is accepted', () => {
    const grids = exampleGrids('en') as Grids;
    for (const row of grids.settings!) {
      if (row[0] === 'Reminder weekday') row[1] = 'Fri.';
      if (row[0] === 'Reminder hour') row[1] = 25;
      if (row[0] === 'At-risk threshold') row[1] = 'lots'; // not a schedule setting: not reported here
    }
    const time = { today: day('2023-07-27'), dayOf: utcDayOf };
    const problems = reminderScheduleProblems(readWorkbook(grids, time));
    expect(problems.map((p) => [p.row, p.value, p.message.en])).toEqual([
      [9, 'Fri.', 'Setting "Reminder weekday" has "Fri.": choose Monday / Tuesday / Wednesday / Thursday / Friday / Saturday / Sunday'],
      [10, '25', 'Setting "Reminder hour" has "25": use a whole number from 0 to 23'],
    ]);
    expect(reminderScheduleProblems(readWorkbook(exampleGrids('en') as Grids, time))).toEqual([]);
  });
});

describe("the managers' summary footer and counts", () => {
  it('tells managers to remove their address from Settings → Manager emails (not to change Team), in both languages', () => {
    const en = plan('2023-07-28').emails.find((e) => e.role === 'manager')!;
    expect(en.text).toContain('You get this summary because your address is in Settings → Manager emails; to stop it, remove your address there.');
    expect(en.text).not.toContain('set Reminders to No');
    const zh = plan('2023-07-28', undefined, { sheetLang: 'zh-CN' }, 'zh-CN').emails.find((e) => e.role === 'manager')!;
    expect(zh.text).toContain('您收到此汇总，是因为您的邮箱在“设置 → 管理者邮箱”中；如不想再收到，请从中删除您的邮箱。');
    expect(zh.html).not.toContain('接收提醒');
    // Owners keep the Team footer.
    expect(plan('2023-07-28').emails.find((e) => e.role === 'owner')!.text).toContain('set Reminders to No on your row in Team');
  });

  it('states the owner reminders as planned, not as sent (the quota may hold some back)', () => {
    const en = plan('2023-07-28').emails.find((e) => e.role === 'manager')!;
    expect(en.text).toContain('Owner reminders planned for this week: 3. Any the daily mail quota holds back are sent automatically later; Log lists every email sent.');
    expect(en.text).not.toContain('in this run');
    const zh = plan('2023-07-28', undefined, { sheetLang: 'zh-CN' }, 'zh-CN').emails.find((e) => e.role === 'manager')!;
    expect(zh.text).toContain('本周计划向责任人发送提醒：3 封。');
  });
});

describe('periods as people read them', () => {
  it('shows period keys as a week, a day or a month, in both languages (raw keys never)', () => {
    expect(periodLabel('weekly:2023-W30', 'en')).toBe('week 2023-W30');
    expect(periodLabel('weekly:2023-W30', 'zh-CN')).toBe('2023年第30周');
    expect(periodLabel('weekly:2025-W01', 'zh-CN')).toBe('2025年第1周');
    expect(periodLabel('daily:2023-07-27', 'en')).toBe('2023-07-27 (daily)');
    expect(periodLabel('daily:2023-07-27', 'zh-CN')).toBe('2023-07-27（每日）');
    expect(periodLabel('monthly:2023-07', 'en')).toBe('2023-07 (month end)');
    expect(periodLabel('monthly:2023-07', 'zh-CN')).toBe('2023年7月（月末）');
    expect(kindLabel('daily', 'en')).toBe('daily digest');
    expect(kindLabel('weekly', 'zh-CN')).toBe('每周摘要');
    fc.assert(fc.property(fc.integer({ min: dayFromIso('2000-01-01'), max: dayFromIso('2099-12-31') }), fc.constantFrom('weekly', 'daily', 'monthly' as const), fc.constantFrom<Lang>('en', 'zh-CN'), (d, kind, lang) => {
      const text = periodLabel(periodKey(kind, d), lang);
      expect(text).not.toMatch(/weekly:|daily:|monthly:/);
    }));
  });

  it('the Chinese preview names the week as 2023年第30周', () => {
    const p = plan('2023-07-28', undefined, {}, 'zh-CN');
    expect(renderPreview(p, () => false, 50, 'zh-CN')).toContain('2023年第30周：将发送 4 封邮件');
  });
});

describe('the Help cell beside Settings → Reminders on', () => {
  const schedule = (lang: Lang): string => uiText(lang, 'schedule', {
    weekday: lang === 'en' ? 'Friday' : '星期五', hour: '09', timeZone: 'Asia/Shanghai', next: '2023-07-29 09:00', nextWeekly: '2023-08-04 09:00', account: 'a@example.com',
  });
  it('may be written when blank, holding the template help, or a status text this code wrote (either language, current or earlier wording)', () => {
    for (const text of [
      '', '  ', 'Set by the menu: Turn Friday reminders on / off', '由菜单“开启/关闭周五提醒”设置',
      uiText('en', 'statusOn', { schedule: schedule('en') }), uiText('zh-CN', 'statusOn', { schedule: schedule('zh-CN') }),
      uiText('en', 'statusCell', { asOf: '2023-07-28 09:00', status: uiText('en', 'statusOn', { schedule: schedule('en') }) }),
      uiText('zh-CN', 'statusCell', { asOf: '2023-07-28 09:00', status: uiText('zh-CN', 'statusOff') }),
      uiText('en', 'statusOff'), uiText('zh-CN', 'statusOff'),
      'On: every Friday at 09:00 (Asia/Shanghai), next 2023-07-28 09:00, sent by director@example.com',
      '已开启：每星期五 09:00（Asia/Shanghai），下次 2023-07-28 09:00，发件人 director@example.com',
      // The wording before daily digests were Monday to Friday only.
      "On: every day at 09:00 (Asia/Shanghai): the weekly digest on Fridays, daily tasks on other days, monthly tasks on the month's last day; next run 2023-07-29 09:00, next weekly digest 2023-08-04 09:00; sent by a@example.com",
      '已开启：每天 09:00（Asia/Shanghai）：星期五发送每周摘要，其他日子提醒每日任务，每月最后一天提醒每月任务；下次运行 2023-07-29 09:00，下次每周摘要 2023-08-04 09:00；发件人 a@example.com',
    ]) expect([text, statusCellWritable(text)]).toEqual([text, true]);
  });

  it('recognises its own status when the sending account was blank (the text ends in "sent by ", trimmed)', () => {
    const blank = (lang: Lang): string => uiText(lang, 'schedule', {
      weekday: lang === 'en' ? 'Friday' : '星期五', hour: '09', timeZone: 'Asia/Shanghai', next: '2023-07-29 09:00', nextWeekly: '2023-08-04 09:00', account: '',
    });
    for (const lang of ['en', 'zh-CN'] as const) {
      const on = uiText(lang, 'statusOn', { schedule: blank(lang) });
      const cell = uiText(lang, 'statusCell', { asOf: '2023-07-28 09:00', status: on });
      expect(on).toMatch(/(sent by|发件人) $/);
      for (const text of [on, cell, on.trim(), cell.trim()]) expect([text, statusCellWritable(text)]).toEqual([text, true]);
    }
    // The earlier wording with a blank account too.
    expect(statusCellWritable('On: every Friday at 09:00 (Asia/Shanghai), next 2023-07-28 09:00, sent by ')).toBe(true);
    // Still only an address-like word may follow, and nothing after it.
    expect(statusCellWritable(`${uiText('en', 'statusOn', { schedule: blank('en') })}Li, ask first`)).toBe(false);
  });

  it('is left alone when a person typed something there', () => {
    for (const text of [
      'Ask Li before turning this on', 'On: ask Li first', 'Status: handled by Li', '由李负责开启', 'Off', 42,
      `${uiText('en', 'statusOn', { schedule: schedule('en') })} — keep it on during the trade show`,
    ]) expect([text, statusCellWritable(text)]).toEqual([text, false]);
  });
});

describe('the weekday run after "Send reminders now" earlier in the week', () => {
  const friday = plan('2023-07-28');
  const everyone = new Set(friday.emails.map(recipientKey));
  const thursday = dayFromIso('2023-07-27');

  it('falls back when every planned email of the week was sent on an earlier day', () => {
    expect(friday.emails).toHaveLength(4);
    expect(weeklyAlreadySent(friday, { sent: everyone }, thursday)).toBe(true);
    expect(weeklyAlreadySent(friday, { sent: everyone }, null)).toBe(true); // sent, day not recorded
    expect(weeklyAlreadySent(friday, { sent: new Set([...everyone, 'o:left@example.com']) }, thursday)).toBe(true);
  });

  it('does not when someone still has the week to get, nothing was sent, the week went out today, or the plan is not weekly', () => {
    const [first, ...rest] = [...everyone];
    expect(first).toBeDefined();
    expect(weeklyAlreadySent(friday, { sent: new Set(rest) }, thursday)).toBe(false);
    expect(weeklyAlreadySent(friday, { sent: new Set() }, thursday)).toBe(false);
    expect(weeklyAlreadySent({ ...friday, emails: [] }, { sent: new Set() }, null)).toBe(false);
    expect(weeklyAlreadySent(friday, { sent: everyone }, friday.today)).toBe(false);
    const daily = plan('2023-07-27', undefined, { kind: 'daily' });
    expect(weeklyAlreadySent(daily, { sent: new Set(daily.emails.map(recipientKey)).add('o:x@example.com') }, null)).toBe(false);
  });

  it('records the day a week last sent, and reads it back only for that week', () => {
    const raw = encodeWeeklySentOn('weekly:2023-W30', thursday);
    expect(WEEKLY_SENT_ON_PROPERTY).toBe('reminders.weeklySentOn');
    expect(raw).toBe('{"period":"weekly:2023-W30","day":"2023-07-27"}');
    expect(weeklySentOn(raw, 'weekly:2023-W30')).toBe(thursday);
    expect(weeklySentOn(raw, 'weekly:2023-W31')).toBeNull();
    for (const bad of [undefined, null, '', '{', '{"period":"weekly:2023-W30","day":"2023-02-30"}', '{"period":"weekly:2023-W30","day":5}']) {
      expect(weeklySentOn(bad, 'weekly:2023-W30')).toBeNull();
    }
  });
});
