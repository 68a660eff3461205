/**
 * The playbook manual (《市场拓展操作手册》), the form's phase-four document: the Playbook's proven practices for
 * the team's knowledge base, grouped by tag (the retrospective module they came from), each with its evidence
 * (metric, achievement, ratio), the cycles that proved it, its source and how to apply it. Practices proven
 * in several cycles come first; retired ones (Playbook → Status) are left out.
 */
import type { DocBlock } from './document';
import { Bilingual, Lang, fill, joinList, pick } from './i18n';
import { Practice, TimeContext, Workbook } from './model';
import { normalizeLabel } from './options';
import { compareCycles } from './previousCycles';
import type { ReportSection } from './report';
import { isoFromDay } from './values';

const b = (en: string, zh: string): Bilingual => ({ en, zh });

export const MANUAL_DOC = {
  title: b('Market expansion playbook', '市场拓展操作手册'),
  subtitle: b('{team} · {n} proven {n:practice|practices} from {cycles} · as of {today}', '{team} · 已验证做法 {n} 项，来自 {cycles} · 编制日期 {today}'),
  secIntro: b('About this manual', '手册说明'),
  secPractices: b('Proven practices', '有效做法'),
  intro: b(
    'This manual collects the practices the team has proven in its market-expansion cycles ({cycles}), grouped by theme. Practices proven in several cycles come first. Each shows the evidence it rests on, where it comes from and how to apply it.',
    '本手册汇集团队在历次市场拓展周期（{cycles}）中验证有效的做法，按主题分组；经多个周期验证的做法排在前面。每项做法均列出依据、来源和应用方法，供后续项目参考。',
  ),
  howItGrows: b(
    'How it grows: mark a retrospective action Proven (Retrospective → Status); Start next cycle adds it to the Playbook with its evidence. To take a practice out of the manual, set Playbook → Status to Retired.',
    '如何更新：在“复盘”中将改进措施的状态设为“已验证”，开启下一周期时会连同依据一并加入“经验库”；如需从手册中移除某项做法，请将“经验库”的“状态”设为“已停用”。',
  ),
  retiredLeftOut: b('{n} retired {n:practice is|practices are} left out.', '另有 {n} 项已停用的做法未列入。'),
  none: b('The Playbook has no proven practices yet: mark retrospective actions Proven, and Start next cycle adds them here.', '“经验库”中尚无已验证的做法：请在“复盘”中将有效措施标记为“已验证”，开启下一周期时会加入经验库。'),
  untagged: b('Other practices', '其他做法'),
  field: b('{label}: {text}', '{label}：{text}'),
  fieldEvidence: b('Evidence', '依据'),
  fieldProven: b('Proven in', '验证周期'),
  fieldSource: b('Source', '来源'),
  fieldApply: b('How to apply', '应用方法'),
  fieldTags: b('Tags', '标签'),
  provenIn: b('{cycles} ({n} {n:cycle|cycles})', '{cycles}（{n} 个周期）'),
  noCycle: b('cycle not recorded', '未记录周期'),
  source: b('Retrospective of {cycles}, module "{module}" (Playbook row {rows})', '{cycles} 复盘，模块“{module}”（“经验库”第 {rows} 行）'),
  sourceNoModule: b('Playbook row {rows}', '“经验库”第 {rows} 行'),
  applyMissing: b('Not written yet: fill Playbook → How to apply (the steps, who, when).', '尚未填写：请在“经验库”的“应用方法”中填写（步骤、由谁、何时）。'),
  cyclesNone: b('no recorded cycle', '未记录周期'),
} as const satisfies Record<string, Bilingual>;

/** One practice of the manual: its Playbook rows merged (the same practice proven again in a later cycle). */
export interface ManualPractice {
  readonly practice: string;
  readonly evidence: readonly string[];
  readonly cycles: readonly string[];
  readonly tags: readonly string[];
  readonly howToApply: string;
  readonly rows: readonly number[];
}

export interface ManualGroup {
  readonly tag: string;
  readonly practices: readonly ManualPractice[];
}

export interface PlaybookManualModel {
  readonly lang: Lang;
  readonly title: string;
  readonly documentName: string;
  readonly subtitle: string;
  readonly sections: readonly ReportSection[];
  readonly groups: readonly ManualGroup[];
  readonly retired: number;
  readonly problemCount: number;
}

const say = (text: Bilingual, lang: Lang, params: Record<string, string | number> = {}): string => pick(fill(text, params), lang);

function split(text: string): string[] {
  return text.split(/[,，、;；/|]+/).map((s) => s.trim()).filter((s) => s !== '');
}

/** Active practices merged by their text: the cycles that proved each, its evidence, tags and how to apply it. */
export function manualPractices(playbook: readonly Practice[]): ManualPractice[] {
  const merged = new Map<string, { practice: string; evidence: string[]; cycles: string[]; tags: string[]; howToApply: string[]; rows: number[] }>();
  for (const p of playbook) {
    if (p.status === 'retired' || p.practice.trim() === '') continue;
    const key = normalizeLabel(p.practice);
    const entry = merged.get(key) ?? { practice: p.practice.trim(), evidence: [], cycles: [], tags: [], howToApply: [], rows: [] };
    if (p.evidence.trim() !== '' && !entry.evidence.includes(p.evidence.trim())) entry.evidence.push(p.evidence.trim());
    for (const cycle of split(p.sourceCycle)) if (!entry.cycles.includes(cycle)) entry.cycles.push(cycle);
    for (const tag of split(p.tags)) if (!entry.tags.some((t) => normalizeLabel(t) === normalizeLabel(tag))) entry.tags.push(tag);
    if (p.howToApply.trim() !== '' && !entry.howToApply.includes(p.howToApply.trim())) entry.howToApply.push(p.howToApply.trim());
    entry.rows.push(p.row);
    merged.set(key, entry);
  }
  return [...merged.values()].map((e) => ({ ...e, cycles: [...e.cycles].sort(compareCycles), howToApply: e.howToApply.join('\n') }));
}

/** Practices grouped by their first tag; several cycles first, then the most recently proven, then Playbook order. */
export function manualGroups(practices: readonly ManualPractice[]): ManualGroup[] {
  const order = (a: ManualPractice, c: ManualPractice): number =>
    c.cycles.length - a.cycles.length || compareCycles(c.cycles[c.cycles.length - 1] ?? '', a.cycles[a.cycles.length - 1] ?? '') || a.rows[0]! - c.rows[0]!;
  const groups = new Map<string, { tag: string; practices: ManualPractice[] }>();
  for (const p of practices) {
    const tag = p.tags[0] ?? '';
    const key = normalizeLabel(tag);
    const group = groups.get(key) ?? { tag, practices: [] };
    group.practices.push(p);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((g) => ({ tag: g.tag, practices: [...g.practices].sort(order) }))
    // Themes whose practices are proven most often first; untagged practices last.
    .sort((a, c) => (a.tag === '' ? 1 : 0) - (c.tag === '' ? 1 : 0) || order(a.practices[0]!, c.practices[0]!));
}

/** The playbook manual from the Playbook tab. */
export function buildPlaybookManual(workbook: Workbook, time: TimeContext, lang: Lang): PlaybookManualModel {
  const { settings } = workbook;
  const title = say(MANUAL_DOC.title, lang);
  const region = settings.region.trim() || settings.team.trim();
  const documentName = region === '' ? title : `${region} — ${title}`;
  const practices = manualPractices(workbook.playbook);
  const groups = manualGroups(practices);
  const retired = workbook.playbook.filter((p) => p.status === 'retired' && p.practice.trim() !== '').length;
  const allCycles = [...new Set(practices.flatMap((p) => p.cycles))].sort(compareCycles);
  const cyclesText = allCycles.length === 0 ? say(MANUAL_DOC.cyclesNone, lang) : joinList(allCycles, lang);

  const intro: DocBlock[] = practices.length === 0
    ? [{ kind: 'paragraph', style: 'normal', text: say(MANUAL_DOC.none, lang) }]
    : [{ kind: 'paragraph', style: 'normal', text: say(MANUAL_DOC.intro, lang, { cycles: cyclesText }) }];
  intro.push({ kind: 'paragraph', style: 'note', text: say(MANUAL_DOC.howItGrows, lang) });
  if (retired > 0) intro.push({ kind: 'paragraph', style: 'note', text: say(MANUAL_DOC.retiredLeftOut, lang, { n: retired }) });

  const blocks: DocBlock[] = [];
  for (const group of groups) {
    // reportDocument.ts nests a section's headings: level 1 becomes the document's second level, 2 its third.
    blocks.push({ kind: 'heading', level: 1, text: group.tag === '' ? say(MANUAL_DOC.untagged, lang) : group.tag });
    for (const p of group.practices) {
      blocks.push({ kind: 'heading', level: 2, text: p.practice });
      const cycles = p.cycles.length === 0 ? say(MANUAL_DOC.noCycle, lang) : say(MANUAL_DOC.provenIn, lang, { cycles: joinList(p.cycles, lang), n: p.cycles.length });
      const module = p.tags[0] ?? '';
      const rows = p.rows.join(', ');
      const source = module === '' ? say(MANUAL_DOC.sourceNoModule, lang, { rows })
        : say(MANUAL_DOC.source, lang, { cycles: p.cycles.length === 0 ? say(MANUAL_DOC.noCycle, lang) : joinList(p.cycles, lang), module, rows });
      const fields: [Bilingual, string][] = [
        [MANUAL_DOC.fieldEvidence, p.evidence.length === 0 ? '—' : p.evidence.join(lang === 'zh-CN' ? '；' : '; ')],
        [MANUAL_DOC.fieldProven, cycles],
        [MANUAL_DOC.fieldSource, source],
        [MANUAL_DOC.fieldApply, p.howToApply === '' ? say(MANUAL_DOC.applyMissing, lang) : p.howToApply],
        ...(p.tags.length > 1 ? [[MANUAL_DOC.fieldTags, joinList(p.tags, lang)] as [Bilingual, string]] : []),
      ];
      for (const [label, text] of fields) {
        blocks.push({ kind: 'paragraph', style: 'bullet', text: say(MANUAL_DOC.field, lang, { label: say(label, lang), text }) });
      }
    }
  }
  const sections: ReportSection[] = [
    { id: 'manualIntro', title: say(MANUAL_DOC.secIntro, lang), hasData: practices.length > 0, blocks: intro },
    ...(practices.length > 0 ? [{ id: 'manualPractices' as const, title: say(MANUAL_DOC.secPractices, lang), hasData: true, blocks }] : []),
  ];
  const subtitle = say(MANUAL_DOC.subtitle, lang, { team: settings.team || settings.region || '—', n: practices.length, cycles: cyclesText, today: isoFromDay(time.today) });
  return { lang, title, documentName, subtitle, sections, groups, retired, problemCount: 0 };
}
