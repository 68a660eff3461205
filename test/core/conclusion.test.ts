import { buildConclusion } from '../../src/core/conclusion';
import { readWorkbook } from '../../src/core/model';
import { computeFigures } from '../../src/core/report';
import { AFTER_CYCLE, exampleRaw, reportOf } from './reportFixture';

function conclusionOf(lang: 'en' | 'zh-CN', raw = exampleRaw(lang)) {
  const workbook = readWorkbook(raw, AFTER_CYCLE);
  return buildConclusion(workbook, computeFigures(workbook, AFTER_CYCLE), lang);
}

describe('conclusion and next-cycle proposals', () => {
  it('says what was achieved, what was missed and why, from the figures and Evaluation → Analysis', () => {
    const { statements } = conclusionOf('en');
    expect(statements).toEqual(expect.arrayContaining([
      'Achieved: East China revenue 215 of 200 (107.5%), Customer visits 220 of 200 (110%), Total expansion cost 28 of 30 (107.1%), Input-output ratio (ROI) 1:7.7 of 1:6 (128.3%).',
      'Missed: New customers 45 of 50 (90%), Lead conversion rate 12% of 15% (80%).',
      "Why: New customers reached 90% (45 of 50): a competitor's August promotion delayed 5 customers' signing; Lead conversion rate reached 80% (12% of 15%): over-strict lead screening lost good leads.",
      'Every unit of cost brought 7.68 in revenue (1:7.7), net ROI 667.9%.',
    ]));
  });

  it('names what worked: proven practices and the channel with the lowest acquisition cost and the highest return', () => {
    const worked = conclusionOf('en').statements.find((s) => s.startsWith('What worked'))!;
    expect(worked).toContain('Build a lead-to-customer fit scoring model (proven: Trade shows acquire precisely: 20% conversion)');
    expect(worked).toContain('Partner referrals brought new customers at the lowest cost, 0.21 (10k CNY) each');
    const workbook = readWorkbook(exampleRaw('en'), AFTER_CYCLE);
    // The same channels and rule as the report's channel tables (channelPerformance.ts).
    const { channels } = computeFigures(workbook, AFTER_CYCLE).channels;
    expect(channels.map((c) => [c.channel, c.funnel?.cost.value, c.funnel?.newCustomers.value])).toEqual([['Trade shows', 10, 18], ['Online platforms', 8, 13], ['Partner referrals', 3, 14]]);
    expect(worked).toContain('Partner referrals returned the most revenue per unit of cost (1:22.3)');
  });

  it('proposes targets and strategy for the next cycle, weakest metric first, each with the figure it rests on', () => {
    const { proposals, next } = conclusionOf('en');
    expect(next).toBe('2023 Q4');
    expect(proposals.map((p) => p.kind)).toEqual(['focus', 'keep', 'raise', 'raise', 'channel', 'budget', 'month', 'actions']);
    expect(proposals[0]).toEqual({
      kind: 'focus',
      text: 'Make Lead conversion rate the focus of 2023 Q4: keep its target at 15% and act on the stated cause (over-strict lead screening lost good leads).',
      basis: 'Lead conversion rate: 12% of 15% (80%)',
    });
    expect(proposals[2]!.text).toBe('Raise the East China revenue target from 200 to at least 215, what this cycle achieved.');
    expect(proposals[4]!.basis).toBe('acquisition cost per new customer (10k CNY): Partner referrals 0.21, Trade shows 0.56, Online platforms 0.62');
    expect(proposals[5]!.text).toBe('Use the 2 (10k CNY) left under budget on Partner referrals.');
  });

  it('reads as Chinese in Chinese, with 、 lists and full-width punctuation', () => {
    const { statements, proposals } = conclusionOf('zh-CN');
    expect(statements[0]).toBe('已达成：华东区域销售额 215/200（107.5%）、客户拜访量 220/200（110%）、拓展总成本 28/30（107.1%）、投入产出比 1:7.7/1:6（128.3%）。');
    expect(proposals[0]!.text).toBe('将线索转化率作为2023 Q4的重点：目标保持 15%，并针对原因采取措施（线索筛选标准过严，导致优质线索流失）。');
    expect(proposals.find((p) => p.kind === 'budget')!.text).toBe('将结余的预算 2 万元用于合作伙伴转介绍。');
  });

  it('is marked as a draft for the team, and the report ends with it before the data-quality notes', () => {
    const model = reportOf('en');
    const ids = model.sections.map((s) => s.id);
    expect(ids.indexOf('conclusion')).toBe(ids.length - 2);
    const blocks = model.sections.find((s) => s.id === 'conclusion')!.blocks;
    expect(blocks).toContainEqual({ kind: 'heading', level: 3, text: 'Proposals for 2023 Q4 (a draft for the team to edit)' });
    const table = blocks.find((b) => b.kind === 'table');
    expect(table && table.kind === 'table' ? table.header : []).toEqual(['Proposal', 'Based on']);
  });

  it('with every target met, proposes to keep the targets; with no data, proposes nothing', () => {
    expect(conclusionOf('en', {}).proposals).toEqual([]);
    const raw = exampleRaw('en');
    const header = raw.evaluation![0]!.map(String);
    raw.evaluation = [header, ...raw.evaluation!.slice(1).map((row) => row.map((v, i) => (header[i] === 'Actual' ? row[header.indexOf('Target')] : v)))];
    raw.retrospective = [raw.retrospective![0]!];
    raw.costs = [raw.costs![0]!];
    raw.goals = [raw.goals![0]!];
    const { proposals } = conclusionOf('en', raw);
    expect(proposals.map((p) => p.kind)).toEqual(['keepAll']);
  });
});
