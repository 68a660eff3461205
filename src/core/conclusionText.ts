import { Bilingual } from './i18n';

/** Every word of the report's conclusion and next-cycle proposals, in both languages. */
export const CONCLUSION_TEXT = {
  section: { en: 'Conclusion and proposals for the next cycle', zh: '结论与下一周期建议' },
  subConclusion: { en: 'Conclusion', zh: '结论' },
  subProposals: { en: 'Proposals for {next} (a draft for the team to edit)', zh: '{next}建议（草案，供团队讨论修改）' },
  draftNote: {
    en: 'These proposals are worked out from the figures of this report, each with the figure it rests on. They are a starting point for the retrospective meeting: the team edits them before they go into the next plan.',
    zh: '以下建议根据本报告的数据自动生成，每条均注明所依据的数据，作为复盘会议的讨论起点；团队修改确认后再纳入下一周期计划。',
  },
  colProposal: { en: 'Proposal', zh: '建议' },
  colBasis: { en: 'Based on', zh: '依据' },

  achieved: { en: 'Achieved: {list}.', zh: '已达成：{list}。' },
  achievedNone: { en: 'No target was met in full.', zh: '没有目标完全达成。' },
  missed: { en: 'Missed: {list}.', zh: '未达成：{list}。' },
  missedNone: { en: 'Every metric with a target met it.', zh: '所有设定目标的指标均已达成。' },
  metricRate: { en: '{metric} {actual} of {target} ({rate})', zh: '{metric} {actual}/{target}（{rate}）' },
  missedBecause: { en: '{metric} reached {rate} ({actual} of {target}): {reason}', zh: '{metric}达成率 {rate}（{actual}/{target}）：{reason}' },
  missedNoReason: { en: '{metric} reached {rate} ({actual} of {target}); no reason is recorded in Evaluation → Analysis', zh: '{metric}达成率 {rate}（{actual}/{target}）；“效果评估 → 分析说明”中未填写原因' },
  why: { en: 'Why: {list}.', zh: '原因：{list}。' },
  ratio: { en: 'Every unit of cost brought {ratio} in revenue ({ratioLabel}), net ROI {roi}.', zh: '每投入 1 元成本带来 {ratio} 元销售额（投入产出比 {ratioLabel}），净投资回报率 {roi}。' },
  worked: { en: 'What worked: {list}.', zh: '有效做法：{list}。' },
  proven: { en: '{practice} (proven: {highlight})', zh: '{practice}（已验证：{highlight}）' },
  provenBare: { en: '{practice} (proven)', zh: '{practice}（已验证）' },
  bestChannel: {
    en: '{channel} brought new customers at the lowest cost, {cost}{unit} each',
    zh: '{channel}获客成本最低，每个新客户 {cost}{unit}',
  },
  bestRoiChannel: { en: '{channel} returned the most revenue per unit of cost ({ratio})', zh: '{channel}单位成本带来的销售额最高（{ratio}）' },
  workedNone: { en: 'No practice is marked proven in Retrospective yet, and no channel has both cost lines and new customers to compare.', zh: '“复盘”中尚无标记为“已验证”的做法，也没有同时有费用和新增客户的渠道可供比较。' },
  running: {
    en: 'The cycle is still running: these are interim results as of {today}, and the proposals are early ideas.',
    zh: '周期尚未结束：以上为截至 {today} 的阶段性结果，建议仅供提前参考。',
  },

  proposeFocus: {
    en: 'Make {metric} the focus of {next}: keep its target at {target} and act on the stated cause ({reason}).',
    zh: '将{metric}作为{next}的重点：目标保持 {target}，并针对原因采取措施（{reason}）。',
  },
  proposeFocusNoReason: {
    en: 'Make {metric} the focus of {next}: keep its target at {target}, and record in Evaluation → Analysis why it was missed.',
    zh: '将{metric}作为{next}的重点：目标保持 {target}，并在“效果评估 → 分析说明”中写明未达成的原因。',
  },
  proposeKeep: { en: 'Keep the {metric} target at {target} and close the gap of {gap}.', zh: '{metric}目标保持 {target}，补齐差距 {gap}。' },
  proposeRaise: { en: 'Raise the {metric} target from {target} to at least {actual}, what this cycle achieved.', zh: '将{metric}目标从 {target} 提高到不低于本周期实际的 {actual}。' },
  proposeChannel: {
    en: 'Put more of the budget into {channel}, the channel with the lowest acquisition cost, and review {worst}.',
    zh: '把更多预算投向获客成本最低的{channel}，并复查{worst}的投入效果。',
  },
  proposeBudget: { en: 'Use the {gap}{unit} left under budget on {channel}.', zh: '将结余的预算 {gap}{unit}用于{channel}。' },
  proposeOverBudget: { en: 'Set a budget that the plan can keep: cost was {actual} against {budget}.', zh: '制定可执行的预算：本周期成本 {actual}，预算 {budget}。' },
  proposeActions: {
    en: 'Finish the open improvement actions from the retrospective: {list}.',
    zh: '完成复盘中尚未完成的优化事项：{list}。',
  },
  proposeMonth: {
    en: 'Plan the weakest month better: {month} reached {rate} of its {metric} target ({actual} of {target}).',
    zh: '重点安排薄弱月份：{month} {metric}达成率 {rate}（{actual}/{target}）。',
  },
  proposeNothing: { en: 'Keep this cycle\'s targets and practices: every target was met.', zh: '保持本周期的目标和做法：所有目标均已达成。' },
  actionItem: { en: '{action} ({owners}, due {due})', zh: '{action}（{owners}，{due} 前）' },
  actionItemNoDue: { en: '{action} ({owners})', zh: '{action}（{owners}）' },

  basisMetric: { en: '{metric}: {actual} of {target} ({rate})', zh: '{metric}：{actual}/{target}（{rate}）' },
  basisChannel: { en: 'acquisition cost per new customer{unit}: {list}', zh: '单个新客户获客成本{unit}：{list}' },
  basisChannelItem: { en: '{channel} {cost}', zh: '{channel} {cost}' },
  basisBudget: { en: 'cost {actual} of a budget of {budget}', zh: '成本 {actual}，预算 {budget}' },
  basisActions: { en: 'Retrospective: {count} open', zh: '“复盘”：{count} 项未完成' },
  basisAll: { en: 'targets met: {met} of {total}', zh: '达成目标：{met} / {total}' },
  nextCycleFallback: { en: 'the next cycle', zh: '下一周期' },
} as const satisfies Record<string, Bilingual>;
