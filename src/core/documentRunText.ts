/**
 * The words of making a document from the menu — the dialog, the Log line, the failures — for the strategy
 * plan, the weekly tracking sheet and the playbook manual (the evaluation report keeps its own in reportText.ts).
 * Each names its document, so a plan that could not be made never reads as "the report".
 */
import { Bilingual, fill } from './i18n';
import { PLAN_DOC } from './planDocument';
import { MANUAL_DOC } from './playbookManual';
import { WEEKLY_DOC } from './weeklySheet';

export type DocumentKind = 'plan' | 'weekly' | 'playbook';

/** What gas/report.ts's generate() says while making a document, and when it is done or has failed. */
export type RunWords = Readonly<Record<'logAction' | 'logFailed' | 'doneTitle' | 'doneBody' | 'doneAlert' | 'doneProblems' | 'failedNoDoc' | 'failed' | 'failedNotTrashed' | 'versionFailed' | 'logNotRecorded', Bilingual>>;

export const RUN_TEXT = {
  logAction: { en: 'Generate {doc}', zh: '生成{doc}' },
  logFailed: { en: 'Generate {doc} failed', zh: '生成{doc}失败' },
  doneTitle: { en: '{Doc} ready', zh: '{doc}已生成' },
  doneBody: { en: 'The {doc} is ready:', zh: '{doc}已生成：' },
  doneAlert: { en: 'The {doc} is ready: {name}\n{url}', zh: '{doc}已生成：{name}\n{url}' },
  failedNoDoc: {
    en: 'The {doc} could not be made: {error} (while {step}). No document was created. Try again in a few minutes; if it fails again, run Check data and look at the Log tab.',
    zh: '{doc}未能生成：{error}（步骤：{step}）。未创建任何文档。请几分钟后重试；如仍失败，请运行“检查数据”并查看“日志”工作表。',
  },
  failed: {
    en: 'The {doc} could not be finished: {error} (while {step}). The half-made document was moved to the trash. Try again in a few minutes; if it fails again, run Check data and look at the Log tab.',
    zh: '{doc}未能完成：{error}（步骤：{step}）。未完成的文档已移至回收站。请几分钟后重试；如仍失败，请运行“检查数据”并查看“日志”工作表。',
  },
  failedNotTrashed: {
    en: 'The {doc} could not be finished: {error} (while {step}). The half-made document "{name}" could not be moved to the trash: delete it by hand. Try again in a few minutes; if it fails again, run Check data and look at the Log tab.',
    zh: '{doc}未能完成：{error}（步骤：{step}）。未完成的文档“{name}”未能移至回收站，请手动删除。请几分钟后重试；如仍失败，请运行“检查数据”并查看“日志”工作表。',
  },
  versionFailed: {
    en: 'The {doc} was not made: its version number could not be recorded ({error}), and without it a later one could take the same name. No document was created. Try again in a few minutes.',
    zh: '{doc}未生成：无法记录版本号（{error}），否则之后的文档可能重名。未创建任何文档。请几分钟后重试。',
  },
  logNotRecorded: {
    en: 'The {doc} could not be recorded in the Log tab ({error}); keep the link above. If the Log tab is protected, let yourself edit it (Data → Protect sheets and ranges).',
    zh: '{doc}未能记入“日志”工作表（{error}）；请保存上面的链接。如“日志”工作表受保护，请在“数据 → 保护工作表和范围”中允许自己编辑。',
  },
  planProblems: { en: 'Points raised by the plan review: {count}.', zh: '方案审核提出 {count} 项提示。' },
  weeklyProblems: { en: 'Problems in the data (menu → Check data): {count}.', zh: '数据中有 {count} 个问题（菜单 → 检查数据）。' },
  weeklyReplaced: { en: 'It replaces this week\'s earlier version "{name}", which was moved to the trash.', zh: '已取代本周较早的版本“{name}”（已移至回收站）。' },
  weeklyNotReplaced: { en: 'This week\'s earlier version "{name}" could not be moved to the trash ({error}): delete it by hand.', zh: '本周较早的版本“{name}”未能移至回收站（{error}），请手动删除。' },
  planName: { en: 'strategy plan', zh: '市场拓展策略方案' },
  weeklyName: { en: 'weekly tracking sheet', zh: '周度执行跟踪表' },
  playbookName: { en: 'playbook manual', zh: '市场拓展操作手册' },
} as const satisfies Record<string, Bilingual>;

const NAMES: Readonly<Record<DocumentKind, Bilingual>> = { plan: RUN_TEXT.planName, weekly: RUN_TEXT.weeklyName, playbook: RUN_TEXT.playbookName };

/** The run's words for one document: "The strategy plan is ready", "市场拓展策略方案已生成". */
export function runWords(kind: DocumentKind): RunWords {
  const doc = NAMES[kind];
  const named = (text: Bilingual): Bilingual => ({
    en: fill(text, { doc: doc.en, Doc: doc.en.charAt(0).toUpperCase() + doc.en.slice(1) }).en,
    zh: fill(text, { doc: doc.zh, Doc: doc.zh }).zh,
  });
  const problems = kind === 'plan' ? RUN_TEXT.planProblems : RUN_TEXT.weeklyProblems;
  return {
    logAction: named(RUN_TEXT.logAction), logFailed: named(RUN_TEXT.logFailed), doneTitle: named(RUN_TEXT.doneTitle), doneBody: named(RUN_TEXT.doneBody),
    doneAlert: named(RUN_TEXT.doneAlert), doneProblems: problems, failedNoDoc: named(RUN_TEXT.failedNoDoc), failed: named(RUN_TEXT.failed),
    failedNotTrashed: named(RUN_TEXT.failedNotTrashed), versionFailed: named(RUN_TEXT.versionFailed), logNotRecorded: named(RUN_TEXT.logNotRecorded),
  };
}

/** Titles of the three documents, for the menu and the command line. */
export const DOCUMENT_TITLES: Readonly<Record<DocumentKind, Bilingual>> = { plan: PLAN_DOC.title, weekly: WEEKLY_DOC.title, playbook: MANUAL_DOC.title };
