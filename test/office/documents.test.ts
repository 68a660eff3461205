/**
 * The form's other documents as a director gets them offline: `plan`, `weekly` and `playbook` write .docx,
 * LibreOffice prints each to PDF, and the PDF's text layer holds the figures and headings, with no table
 * header word or date broken across lines, in English and in Chinese. The playbook manual is printed from
 * the workbook as Start next cycle leaves it (the proven practice in the Playbook).
 * Run with `npm run test:office` (LibreOffice, poppler-utils and a CJK font: .ci/run installs them).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/node/cli';
import { exampleEmulator } from '../e2e/harness';
import { convert, profile, soffice } from './libreoffice';

const dir = mkdtempSync(join(tmpdir(), 'mx-office-documents-'));
const program = soffice();
const profileUrl = profile(join(dir, 'profile'));
const quietIo = { out: () => undefined, err: () => undefined, env: { LANG: 'en_US.UTF-8' }, cwd: dir, now: () => new Date('2023-10-08T02:00:00Z') };

function pdfText(pdf: string): string {
  const run = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  if (run.error || run.status !== 0) throw new Error('pdftotext (poppler-utils) is needed: sudo apt-get install -y poppler-utils');
  return run.stdout;
}

/** Where a word is split over two lines (as in report.test.ts): the end of one line holds its start, the next its rest. */
function splitsOf(text: string, word: string): string[] {
  const lines = text.split('\n').map((l) => l.trim());
  const found: string[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    for (let k = 1; k < word.length; k++) {
      const before = lines[i]!.split(/\s+/).at(-1) ?? '';
      const after = lines[i + 1]!.split(/\s+/)[0] ?? '';
      if (before.endsWith(word.slice(0, k)) && before !== word && after.startsWith(word.slice(k)) && !lines[i]!.includes(word)) found.push(`${lines[i]} / ${lines[i + 1]}`);
    }
  }
  return found;
}

/** Text of the PDF LibreOffice prints from `docx`. */
function printed(docx: string, name: string): string {
  const [pdf] = convert(program, profileUrl, docx, 'pdf:writer_pdf_Export', join(dir, `pdf-${name}`));
  return pdfText(pdf!);
}

const WORDS = {
  en: {
    plan: {
      headings: ['Market expansion strategy plan', 'Overview', 'Targets and their breakdown', 'Strategy by channel', 'Lessons carried from the previous cycle', 'Plan review'],
      figures: ['50', '15', '18', '17', '30%', '36%', '34%', '23', '76.7%', 'Wang*'],
      header: ['Month', 'Target', 'Owner', 'Channel', 'Action', 'Staffing', 'Differentiator', 'Metric'],
    },
    weekly: {
      headings: ['Weekly execution tracking sheet', 'Needs attention', 'Task tracking', 'This week\'s numbers', 'Changes since last week'],
      figures: ['2023-W30', 'Lead quality is uneven', 'company-size', '16', '30', '12'],
      header: ['Stage', 'Task', 'Owner', 'Planned', 'Problem', 'Solution', 'Visits', 'Leads', 'Channel'],
    },
    playbook: {
      headings: ['Market expansion playbook', 'About this manual', 'Proven practices', 'Strategy effectiveness'],
      figures: ['20% conversion', '12% against 15% (80%)', '1:7.7', '2023 Q3'],
      header: [],
    },
  },
  'zh-CN': {
    plan: {
      headings: ['市场拓展策略方案', '方案概述', '拓展目标与目标拆解', '策略与资源投入', '上一周期的经验与教训', '方案审核'],
      figures: ['50', '15', '18', '17', '30%', '36%', '34%', '23', '76.7%', '王*'],
      header: ['月份', '目标值', '责任人', '渠道', '行动方案', '人员配置', '差异化卖点', '指标'],
    },
    weekly: {
      headings: ['周度执行跟踪表', '重点关注', '任务执行跟踪', '本周数据', '与上周相比'],
      figures: ['2023-W30', '线索质量参差不齐', '增加“企业规模”筛选维度', '16', '30', '12'],
      header: ['阶段', '任务名称', '责任人', '计划完成时间', '遇到问题', '解决措施', '拜访量', '线索量', '渠道'],
    },
    playbook: {
      headings: ['市场拓展操作手册', '手册说明', '有效做法', '策略有效性'],
      figures: ['转化率达20%', '1:7.7', '2023 Q3'],
      header: [],
    },
  },
} as const;

describe.each(['en', 'zh-CN'] as const)('the %s documents printed by LibreOffice', (lang) => {
  const texts: Partial<Record<'plan' | 'weekly' | 'playbook', string>> = {};
  beforeAll(async () => {
    const plan = join(dir, `plan-${lang}.xlsx`);
    expect(await main(['template', '--lang', lang, '--example', '--out', plan], quietIo)).toBe(0);
    expect(await main(['plan', plan, '--as-of', '2023-06-26', '--lang', lang, '--out', join(dir, `plan-${lang}.docx`)], quietIo)).toBe(0);
    texts.plan = printed(join(dir, `plan-${lang}.docx`), `plan-${lang}`);
    expect(await main(['weekly', plan, '--as-of', '2023-07-28', '--lang', lang, '--out', join(dir, `weekly-${lang}.docx`)], quietIo)).toBe(0);
    texts.weekly = printed(join(dir, `weekly-${lang}.docx`), `weekly-${lang}`);
    // The playbook from the workbook as Start next cycle leaves it (exported by the emulator).
    const emulator = exampleEmulator({ locale: lang === 'zh-CN' ? 'zh_CN' : 'en_US' });
    emulator.clock.set(new Date('2023-10-08T10:00:00+08:00'));
    emulator.ui.respondNextAlert('YES');
    emulator.runMenuFunction('menuStartNextCycle');
    const after = join(dir, `after-${lang}.xlsx`);
    await emulator.exportXlsx(after);
    expect(await main(['playbook', after, '--lang', lang, '--out', join(dir, `playbook-${lang}.docx`)], quietIo)).toBeLessThanOrEqual(1);
    texts.playbook = printed(join(dir, `playbook-${lang}.docx`), `playbook-${lang}`);
  }, 480_000);

  test.each(['plan', 'weekly', 'playbook'] as const)('%s: headings and figures in the text layer, no header word or date broken', (kind) => {
    const text = texts[kind]!;
    const words = WORDS[lang][kind];
    // Headings and figures read as written (pdftotext may space Chinese punctuation: compare without spaces).
    const flat = text.replace(/\s+/g, '');
    for (const heading of words.headings) expect(flat).toContain(heading.replace(/\s+/g, ''));
    for (const figure of words.figures) expect(flat).toContain(figure.replace(/\s+/g, ''));
    for (const word of words.header) expect(splitsOf(text, word)).toEqual([]);
    for (const date of ['2023-07-31', '2023-07-03', '2023-08-10', '2023-08-20']) expect(splitsOf(text, date)).toEqual([]);
  });
});
