import { Lang } from '../../src/core/i18n';
import { RawWorkbook, readWorkbook } from '../../src/core/model';
import { PlaybookManualModel, buildPlaybookManual } from '../../src/core/playbookManual';
import { planRollover } from '../../src/core/rollover';
import { tabSpec } from '../../src/core/schema';
import { CellValue } from '../../src/core/values';
import { AFTER_CYCLE, exampleRaw } from './reportFixture';

/** The example's Playbook as Start next cycle leaves it: the proven retrospective row, with its evidence. */
function afterRollover(lang: Lang): RawWorkbook {
  const raw = exampleRaw(lang);
  const plan = planRollover(readWorkbook(raw, AFTER_CYCLE), raw, AFTER_CYCLE, lang);
  if ('error' in plan) throw new Error(plan.error.en);
  const header = tabSpec('playbook').columns.map((c) => (lang === 'zh-CN' ? c.header.zh : c.header.en));
  raw.playbook = [header, ...plan.playbookAdded.map((p) => header.map((_, i): CellValue => [p.practice, p.evidence, p.sourceCycle, p.tags][i] ?? ''))];
  return raw;
}

const manualOf = (lang: Lang, raw: RawWorkbook): PlaybookManualModel => buildPlaybookManual(readWorkbook(raw, AFTER_CYCLE), AFTER_CYCLE, lang);
const texts = (m: PlaybookManualModel): string[] => m.sections.flatMap((s) => s.blocks.map((b) => ('text' in b ? b.text : b.kind)));

describe('playbook manual', () => {
  it('holds the example\'s proven practice with its 20% conversion evidence, cycle and source', () => {
    const manual = manualOf('en', afterRollover('en'));
    expect(manual.documentName).toBe('East China — Market expansion playbook');
    expect(manual.groups.map((g) => [g.tag, g.practices.map((p) => p.practice)])).toEqual([['Strategy effectiveness', ['Build a lead-to-customer fit scoring model']]]);
    expect(texts(manual)).toEqual(expect.arrayContaining([
      'Strategy effectiveness',
      'Build a lead-to-customer fit scoring model',
      'Evidence: Trade shows acquire precisely: 20% conversion; Lead conversion rate: 12% against 15% (80%); input-output ratio 1:7.7',
      'Proven in: 2023 Q3 (1 cycle)',
      'Source: Retrospective of 2023 Q3, module "Strategy effectiveness" (Playbook row 2)',
      'How to apply: Not written yet: fill Playbook → How to apply (the steps, who, when).',
    ]));
  });

  it('in Chinese', () => {
    const manual = manualOf('zh-CN', afterRollover('zh-CN'));
    expect(manual.documentName).toBe('华东区域 — 市场拓展操作手册');
    expect(manual.sections.map((s) => s.title)).toEqual(['手册说明', '有效做法']);
    expect(texts(manual)).toEqual(expect.arrayContaining([
      '策略有效性', '建立“线索-客户”匹配度评分模型', '验证周期：2023 Q3（1 个周期）',
    ]));
    expect(texts(manual).find((t) => t.startsWith('依据：'))).toContain('行业展会精准获客，转化率达20%');
  });

  it('practices proven in several cycles come first; retired ones are left out; how to apply is shown', () => {
    const raw = exampleRaw('en');
    const header = tabSpec('playbook').columns.map((c) => c.header.en);
    const row = (practice: string, evidence: string, cycle: string, tags: string, how = '', status = ''): CellValue[] => [practice, evidence, cycle, tags, how, status];
    raw.playbook = [header,
      row('Screen leads by company size', 'Conversion 12% → 15%', '2023 Q2', 'Lead quality'),
      row('Referral bonus for existing customers', 'Acquisition cost 200 CNY per customer', '2023 Q1', 'Resource use', 'Offer a service credit per signed referral; owner: after-sales, monthly'),
      row('Referral bonus for existing customers', 'Referral rate 18%', '2023 Q2', 'Resource use'),
      row('Cold calling lists', 'Conversion 1%', '2022 Q4', 'Lead quality', '', 'Retired'),
    ];
    const manual = manualOf('en', raw);
    expect(manual.groups.map((g) => [g.tag, g.practices.map((p) => [p.practice, p.cycles])])).toEqual([
      ['Resource use', [['Referral bonus for existing customers', ['2023 Q1', '2023 Q2']]]],
      ['Lead quality', [['Screen leads by company size', ['2023 Q2']]]],
    ]);
    expect(manual.retired).toBe(1);
    expect(texts(manual)).toEqual(expect.arrayContaining([
      'Proven in: 2023 Q1, 2023 Q2 (2 cycles)',
      'Evidence: Acquisition cost 200 CNY per customer; Referral rate 18%',
      'How to apply: Offer a service credit per signed referral; owner: after-sales, monthly',
      '1 retired practice is left out.',
    ]));
    expect(texts(manual).join('\n')).not.toContain('Cold calling');
  });
});
