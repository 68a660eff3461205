import { Bilingual, Lang, fill, pick } from '../../core/i18n';

/** Every word the command line prints, in both languages. */
export const CLI = {
  usage: {
    en: `market-expansion: the Market Expansion Tracker workbook without Google (Excel / WPS / LibreOffice)

Usage:
  market-expansion template [--lang zh-CN|en] [--example] --out plan.xlsx [--force]
  market-expansion report plan.xlsx [--out report.docx] [--json summary.json] [--as-of 2023-09-30] [--lang zh-CN|en] [--pdf] [--strict] [--all] [--quiet]
  market-expansion remind plan.xlsx [--as-of 2023-07-28] [--out emails/] [--kind auto|weekly|daily|monthly] [--time-zone Asia/Shanghai] [--from address] [--from-name name]
  market-expansion rollup east.xlsx south.xlsx … [--out rollup.docx] [--json rollup.json] [--as-of 2023-09-30] [--region China]
  market-expansion plan plan.xlsx [--out plan.docx] [--json plan.json] [--as-of DATE] [--lang zh-CN|en] [--pdf]
  market-expansion weekly plan.xlsx --as-of 2023-07-28 [--out weekly.docx] [--json weekly.json] [--lang zh-CN|en] [--pdf]
  market-expansion playbook plan.xlsx [--out playbook.docx] [--json playbook.json] [--lang zh-CN|en] [--pdf]

Run "market-expansion <command> --help" for a command's options.

Exit codes: 0 done (warnings may be listed); 1 done, but the data has errors (listed, with sheet, row and how to
fix; with --strict, warnings count too);
2 wrong usage, or the file cannot be read or written.`,
    zh: `market-expansion：不依赖 Google 的市场拓展跟踪表（Excel / WPS / LibreOffice）

用法：
  market-expansion template [--lang zh-CN|en] [--example] --out plan.xlsx [--force]
  market-expansion report plan.xlsx [--out report.docx] [--json summary.json] [--as-of 2023-09-30] [--lang zh-CN|en] [--pdf] [--strict] [--all] [--quiet]
  market-expansion remind plan.xlsx [--as-of 2023-07-28] [--out emails/] [--kind auto|weekly|daily|monthly] [--time-zone Asia/Shanghai] [--from address] [--from-name name]
  market-expansion rollup east.xlsx south.xlsx … [--out rollup.docx] [--json rollup.json] [--as-of 2023-09-30] [--region 中国]
  market-expansion plan plan.xlsx [--out plan.docx] [--json plan.json] [--as-of 日期] [--lang zh-CN|en] [--pdf]
  market-expansion weekly plan.xlsx --as-of 2023-07-28 [--out weekly.docx] [--json weekly.json] [--lang zh-CN|en] [--pdf]
  market-expansion playbook plan.xlsx [--out playbook.docx] [--json playbook.json] [--lang zh-CN|en] [--pdf]

运行 “market-expansion <命令> --help” 查看各命令的选项。

退出码：0 完成（可能列出警告）；1 已完成，但数据有错误（已列出工作表、行号和修改方法；使用 --strict 时警告也计入）；
2 用法错误，或文件无法读取/写入。`,
  },
  templateHelp: {
    en: `market-expansion template [--lang zh-CN|en] [--example] --out plan.xlsx [--force]

Writes the plan workbook as .xlsx for Excel, WPS or LibreOffice: every tab and column of the Google Sheet
template, drop-down lists, number formats, status colours, frozen header rows, a Settings tab with defaults
and help, and built-in formulas (no macros) for achievement, status, total cost, revenue, the 1:X
input-output ratio and net ROI.

  --out FILE     where to write the workbook (required)
  --lang LANG    zh-CN (简体中文) or en (English); default: your system language
  --example      fill in the worked example (East China, 2023 Q3)
  --force        overwrite FILE if it exists`,
    zh: `market-expansion template [--lang zh-CN|en] [--example] --out plan.xlsx [--force]

生成 .xlsx 计划工作簿，可用 Excel、WPS 或 LibreOffice 打开：包含 Google 表格模板的全部工作表和列、
下拉列表、数字格式、状态颜色、冻结的表头行、带默认值和说明的“设置”表，以及内置公式（无宏）：
达成率、状态、总成本、销售额、投入产出比（1:X）和净投资回报率。

  --out 文件     输出的工作簿路径（必填）
  --lang 语言    zh-CN（简体中文）或 en（English）；默认跟随系统语言
  --example      填入示例数据（华东区域，2023 Q3）
  --force        文件已存在时覆盖`,
  },
  reportHelp: {
    en: `market-expansion report plan.xlsx [--out report.docx] [--json summary.json] [--as-of 2023-09-30] [--lang zh-CN|en]

Reads a filled workbook (tabs and headers in either language, columns in any order, extra columns and blank
rows allowed, numbers with units such as 45家 or 215万, dates such as 2023/7/31 or 2023年7月31日), checks
the data, and writes the evaluation report as .docx (tables and the four charts), the same report the
Google Sheet generates.

  --out FILE      the report (default: beside the workbook, "<name> report.docx")
  --json FILE     also write the JSON summary of every metric ("-" prints it)
  --pdf           also print the report to PDF beside the .docx with LibreOffice (says why not when LibreOffice
                  or, for a Chinese report, a Chinese font is missing)
  --as-of DATE    evaluate as on this day (default: today)
  --lang LANG     language of the report (default: Settings → Language, else the workbook's language)
  --strict        exit with 1 on warnings too (overdue tasks, missing emails), not only on errors
  --all           print every problem (default: the first 100, errors first)
  --quiet         print nothing but problems and errors`,
    zh: `market-expansion report plan.xlsx [--out report.docx] [--json summary.json] [--as-of 2023-09-30] [--lang zh-CN|en]

读取填写好的工作簿（工作表名和表头可为中文或英文，列顺序不限，可有多余的列和空行，数字可带单位如
45家、215万，日期可写 2023/7/31 或 2023年7月31日），检查数据，并生成 .docx 评估报告（含表格和四张图表），
与 Google 表格生成的报告相同。

  --out 文件      报告路径（默认：与工作簿同目录，“<文件名> report.docx”）
  --json 文件     同时输出各指标的 JSON 汇总（“-” 表示打印到屏幕）
  --pdf           同时用 LibreOffice 在 .docx 旁生成 PDF（未安装 LibreOffice，或中文报告缺少中文字体时会说明原因）
  --as-of 日期    按该日期评估（默认：今天）
  --lang 语言     报告语言（默认：设置 → 语言，否则跟随工作簿语言）
  --strict        有警告（如任务逾期、缺少邮箱）时也以 1 退出，而不仅是错误
  --all           打印全部问题（默认只打印前 100 个，错误在前）
  --quiet         只打印问题和错误`,
  },
  remindHelp: {
    en: `market-expansion remind plan.xlsx [--as-of 2023-07-28] [--out emails/] [--kind auto|weekly|daily|monthly] [--time-zone Asia/Shanghai] [--from address] [--from-name name]

Writes the reminder emails for a day as .eml files (open them in any mail program, or send them with
your own mail system): one per owner listing their overdue tasks, tasks due in the next 7 days, tasks
not updated this week and retrospective actions due, and one summary per manager. Nothing is sent.

  --out DIR       folder for the .eml files (default: emails/)
  --as-of DATE    the day of the run (default: today)
  --kind KIND     auto (default: weekly on the reminder weekday, monthly on a month's last day, else daily),
                  weekly, daily or monthly
  --time-zone TZ  the team's time zone, for the emails' date (default: Asia/Shanghai)
  --webhook URL   also post to the team's chat group: the managers' summary (and each owner's digest, with an
                  @mention, when Settings → Chat notifications says so), in the platform's own format
  --webhook-kind K  googlechat, slack, wecom, dingtalk or feishu (not needed with the platform's own address)
  --webhook-secret S  the robot's signing secret (DingTalk 加签, Feishu 签名校验)
  --from ADDRESS  the sender's address (default: the first of Settings → Manager emails)
  --from-name NAME  the sender's name (default: Settings → Team, else Region, else "Market expansion" in each recipient's language)
  --strict        exit with 1 on warnings too
  --all           print every problem (default: the first 100, errors first)
  --quiet         print nothing but problems and errors`,
    zh: `market-expansion remind plan.xlsx [--as-of 2023-07-28] [--out emails/] [--kind auto|weekly|daily|monthly] [--time-zone Asia/Shanghai] [--from address] [--from-name name]

生成某天的提醒邮件（.eml 文件，可用任意邮件程序打开，或用贵司的邮件系统发送）：每位责任人一封，
列出其逾期任务、未来 7 天到期的任务、本周未更新的任务和到期的复盘行动；每位管理者一封汇总。不会发送任何邮件。

  --out 目录      .eml 文件的目录（默认：emails/）
  --as-of 日期    运行日期（默认：今天）
  --kind 类型     auto（默认：提醒日为每周摘要，月末为每月摘要，其余为每日摘要）、weekly、daily 或 monthly
  --time-zone 时区  团队所在时区，用于邮件日期（默认：Asia/Shanghai）
  --webhook 地址   同时发送到团队群聊：管理者汇总（“设置 → 群聊通知”为“汇总及个人提醒”时还包括每位责任人的提醒并 @ 本人），
                  按各平台自己的消息格式发送
  --webhook-kind 平台  googlechat、slack、wecom、dingtalk 或 feishu（使用平台官方地址时可省略）
  --webhook-secret 密钥  机器人的签名密钥（钉钉“加签”、飞书“签名校验”）
  --from 邮箱     发件人地址（默认：“设置 → 管理者邮箱”中的第一个）
  --from-name 名称  发件人名称（默认：“设置 → 团队”，其次“区域”，否则按收件人语言为“市场拓展”/“Market expansion”）
  --strict        有警告时也以 1 退出
  --all           打印全部问题（默认只打印前 100 个，错误在前）
  --quiet         只打印问题和错误`,
  },
  rollupHelp: {
    en: `market-expansion rollup east.xlsx south.xlsx … [--out rollup.docx] [--json rollup.json] [--as-of 2023-09-30]

The director's roll-up of several regional workbooks (tabs and headers in either language, columns in any
order): each region's figures with the report's definitions, and the totals recomputed from the regions'
sums (counts and amounts added up, every rate recomputed from the sums, never averaged percentages), a
ranking, and the regions with stale data, errors, or that cannot be read (named, with why; the rest still
roll up). Reads one workbook at a time.

  --out FILE       the roll-up report as .docx (default: rollup.docx, unless only --json is given)
  --json FILE      the roll-up as JSON: regions (one per file) and total ("-" prints it)
  --as-of DATE     evaluate as on this day (default: today)
  --region NAME    the roll-up's name in the report title, e.g. China ("2023 Q3 China — regional roll-up")
  --cycle LABEL    roll up this cycle (default: the cycle most regions are on; others are left out, named)
  --currency UNIT  the unit of money in the totals, e.g. 万元 (default: the first region's)
  --lang LANG      zh-CN or en (default: your system language)
  --strict         exit with 1 on warnings and stale regions too
  --all            keep every problem in the JSON (default: the first 100 per region)
  --quiet          print nothing but the regions that need attention`,
    zh: `market-expansion rollup east.xlsx south.xlsx … [--out rollup.docx] [--json rollup.json] [--as-of 2023-09-30]

总监的区域汇总：汇总多个区域工作簿（工作表名和表头可为中文或英文，列顺序不限）。按报告口径计算各区域数据，
合计由各区域之和重新计算（数量和金额相加，所有比率由合计重新计算，从不对百分比求平均），并给出排名，
以及数据未及时更新、有错误或无法读取的区域（注明名称和原因，其余区域照常汇总）。每次只读取一个工作簿。

  --out 文件       区域汇总报告（.docx，默认 rollup.docx；只给 --json 时不生成）
  --json 文件      JSON 格式的汇总：regions（每个文件一项）和 total（“-” 表示打印到屏幕）
  --as-of 日期     按该日期评估（默认：今天）
  --region 名称    报告标题中的汇总名称，例如 中国（“2023 Q3 中国 — 区域汇总报告”）
  --cycle 周期     汇总该周期（默认：多数区域所在的周期；其他周期的区域不计入，并注明）
  --currency 单位  合计的金额单位，例如 万元（默认：第一个区域的单位）
  --lang 语言      zh-CN 或 en（默认跟随系统语言）
  --strict         有警告或区域未及时更新时也以 1 退出
  --all            JSON 中保留全部问题（默认每个区域前 100 个）
  --quiet          只打印需要关注的区域`,
  },
  webhookMissing: { en: '--webhook-kind and --webhook-secret need --webhook URL.', zh: '--webhook-kind 和 --webhook-secret 需要与 --webhook 地址一起使用。' },
  webhookBadUrl: { en: '--webhook must be the webhook\'s address (https://…), not "{url}".', zh: '--webhook 必须是 Webhook 地址（https://…），而不是“{url}”。' },
  webhookKind: {
    en: '--webhook-kind must be googlechat, slack, wecom, dingtalk or feishu{value} (it can be left out for a platform\'s own address).',
    zh: '--webhook-kind 只能是 googlechat、slack、wecom、dingtalk 或 feishu{value}（使用平台官方地址时可省略）。',
  },
  chatSummary: { en: 'the managers\' summary', zh: '管理者汇总' },
  chatOwner: { en: '{name}\'s digest', zh: '{name}的提醒' },
  chatPosted: { en: 'Posted {what} to {platform}.', zh: '已将{what}发送到{platform}。' },
  chatRetry: { en: '{platform} answered {detail}: trying again in {seconds} s (attempt {next} of {max}).', zh: '{platform}返回 {detail}：{seconds} 秒后重试（第 {next}/{max} 次）。' },
  chatFailed: { en: 'Not posted to {platform}: {what} ({detail}). The emails are written.', zh: '未能发送到{platform}：{what}（{detail}）。邮件已生成。' },
  chatHeldBack: { en: 'Not posted: {what}; {platform} takes at most {max} messages per run.', zh: '未发送：{what}；{platform}每次最多接收 {max} 条消息。' },
  rollupNoFiles: { en: 'Name the regional workbooks to roll up, e.g. market-expansion rollup east.xlsx south.xlsx', zh: '请指定要汇总的区域工作簿，例如 market-expansion rollup east.xlsx south.xlsx' },
  rollupReading: { en: 'Reading {n} of {total}: {file}…', zh: '正在读取第 {n}/{total} 个：{file}…' },
  rollupDone: { en: 'Rolled up {counted} of {total} regions.', zh: '已汇总 {total} 个区域中的 {counted} 个。' },
  rollupRegionNote: { en: '{region} ({file}): {notes}', zh: '{region}（{file}）：{notes}' },
  unknownCommand: { en: 'Unknown command "{command}". Use template, report, remind or rollup.', zh: '未知命令“{command}”。请使用 template、report、remind 或 rollup。' },
  unknownOption: { en: 'Unknown option "{option}" for {command}.', zh: '{command} 没有选项“{option}”。' },
  missingValue: { en: 'Option {option} needs a value.', zh: '选项 {option} 需要一个值。' },
  missingFile: { en: 'Name the workbook to read, e.g. market-expansion {command} plan.xlsx', zh: '请指定要读取的工作簿，例如 market-expansion {command} plan.xlsx' },
  extraArgument: { en: 'Unexpected argument "{arg}".', zh: '多余的参数“{arg}”。' },
  missingOut: { en: 'Say where to write the workbook: --out plan.xlsx', zh: '请用 --out 指定输出路径，例如 --out plan.xlsx' },
  badLang: { en: '--lang must be zh-CN or en, not "{value}".', zh: '--lang 只能是 zh-CN 或 en，而不是“{value}”。' },
  badKind: { en: '--kind must be auto, weekly, daily or monthly, not "{value}".', zh: '--kind 只能是 auto、weekly、daily 或 monthly，而不是“{value}”。' },
  badAsOf: { en: '--as-of: {reason}', zh: '--as-of：{reason}' },
  badTimeZone: { en: '--time-zone must be a time zone such as Asia/Shanghai or Europe/Berlin, not "{value}".', zh: '--time-zone 必须是时区名称，例如 Asia/Shanghai 或 Europe/Berlin，而不是“{value}”。' },
  asOfRange: { en: '--as-of must be one day, not a range: "{value}".', zh: '--as-of 必须是某一天，而不是日期范围：“{value}”。' },
  exists: { en: '{path} already exists. Use --force to overwrite it, or choose another --out.', zh: '{path} 已存在。如需覆盖请加 --force，或用 --out 指定其他路径。' },
  notXlsx: { en: 'Cannot read {path}: {reason}. Save it from Excel or WPS as an Excel workbook (.xlsx).', zh: '无法读取 {path}：{reason}。请在 Excel 或 WPS 中另存为 Excel 工作簿（.xlsx）。' },
  cannotWrite: { en: 'Cannot write {path}: {reason}', zh: '无法写入 {path}：{reason}' },
  noTabs: { en: '{path} has none of the plan\'s tabs (Settings, Tracking, Evaluation …). Is it the right file?', zh: '{path} 中没有计划表的任何工作表（设置、执行跟踪、效果评估……）。文件是否正确？' },
  wroteTemplate: { en: 'Wrote {path} ({tabs} tabs, {lang}{example}).', zh: '已生成 {path}（{tabs} 个工作表，{lang}{example}）。' },
  withExample: { en: ', with the worked example', zh: '，含示例数据' },
  loading: { en: 'Reading {path} ({size} MB)…', zh: '正在读取 {path}（{size} MB）…' },
  readSheet: { en: '  {sheet}: {rows} rows', zh: '  {sheet}：{rows} 行' },
  checking: { en: 'Checking {rows} rows…', zh: '正在检查 {rows} 行…' },
  building: { en: 'Building the report…', zh: '正在生成报告…' },
  buildingDocument: { en: 'Building the {title}…', zh: '正在生成{title}…' },
  wroteDocumentJson: { en: 'Wrote {path} (the document\'s model as JSON).', zh: '已生成 {path}（文档模型 JSON）。' },
  documentHelp: {
    en: `market-expansion {command} plan.xlsx{asOf} [--out FILE.docx] [--json FILE.json] [--lang zh-CN|en] [--pdf]

Reads a filled workbook and writes the {what} as .docx, the same document the Google Sheet's menu makes
({menu}). It runs Check data first; the exit code is that of the report command.

  --out FILE      the document (default: beside the workbook, "<name> {suffix}.docx")
  --json FILE     also write the document's model as JSON ("-" prints it)
  --pdf           also print it to PDF beside the .docx with LibreOffice (says why not when LibreOffice or,
                  for a Chinese document, a Chinese font is missing)
  --as-of DATE    {asOfHelp}
  --lang LANG     language of the document (default: Settings → Language, else the workbook's language)
  --strict        exit with 1 on warnings too, not only on errors
  --all           print every problem (default: the first 100, errors first)
  --quiet         print nothing but problems and errors`,
    zh: `market-expansion {command} plan.xlsx{asOf} [--out 文件.docx] [--json 文件.json] [--lang zh-CN|en] [--pdf]

读取填写好的工作簿，生成 .docx 格式的{what}，与 Google 表格菜单“{menu}”生成的文档相同。
生成前先检查数据；退出码与 report 命令相同。

  --out 文件      文档路径（默认：与工作簿同目录，“<文件名> {suffix}.docx”）
  --json 文件     同时输出文档模型 JSON（“-” 表示打印到屏幕）
  --pdf           同时用 LibreOffice 在 .docx 旁生成 PDF（未安装 LibreOffice，或中文文档缺少中文字体时会说明原因）
  --as-of 日期    {asOfHelp}
  --lang 语言     文档语言（默认：“设置 → 语言”，否则跟随工作簿的语言）
  --strict        有警告时也以 1 退出，而不仅是有错误时
  --all           列出全部问题（默认列出前 100 个，错误在前）
  --quiet         只输出问题和错误`,
  },
  asOfPlan: { en: 'the plan as on this day (default: today)', zh: '按该日期编制方案（默认：今天）' },
  asOfWeekly: { en: 'a day of the week to report (required): the sheet is for its ISO week', zh: '要汇报的那一周中的任意一天（必填）：按其所在的 ISO 周生成' },
  asOfPlaybook: { en: 'the day the manual is dated (default: today)', zh: '手册的编制日期（默认：今天）' },
  weeklyNeedsAsOf: { en: 'weekly needs --as-of DATE: a day of the week to report, e.g. --as-of 2023-07-28.', zh: 'weekly 需要 --as-of 日期：要汇报的那一周中的任意一天，例如 --as-of 2023-07-28。' },
  writing: { en: 'Writing {path}…', zh: '正在写入 {path}…' },
  wroteReport: { en: 'Wrote {path}: {title}.', zh: '已生成 {path}：{title}。' },
  wroteJson: { en: 'Wrote {path} (JSON summary).', zh: '已生成 {path}（JSON 汇总）。' },
  wroteEmails: { en: 'Wrote {count} emails ({kind}, {period}) to {dir}.', zh: '已在 {dir} 生成 {count} 封邮件（{kind}，{period}）。' },
  noEmails: { en: 'No emails for {day} ({kind}): nobody has anything due, overdue or to report.', zh: '{day}（{kind}）没有需要发送的邮件：没有到期、逾期或待填报的内容。' },
  skipped: { en: 'Not reminded: {name} <{email}>: {reason}', zh: '未提醒：{name} <{email}>：{reason}' },
  badFrom: { en: '--from needs an email address, e.g. --from director@example.com (got "{value}").', zh: '--from 需要邮箱地址，例如 --from director@example.com（收到的是“{value}”）。' },
  fromSender: { en: 'Sender: {address} (change it with --from and --from-name).', zh: '发件人：{address}（可用 --from 和 --from-name 修改）。' },
  fromFallback: {
    en: 'Sender: {address}, since Settings → Manager emails is empty: give your address with --from before sending.',
    zh: '发件人：{address}（“设置 → 管理者邮箱”为空）：发送前请用 --from 填写您的邮箱。',
  },
  problemsHeader: { en: '{count} problems in the data ({errors} {errors:error|errors}, {warnings} {warnings:warning|warnings}):', zh: '数据中有 {count} 个问题（{errors} 个错误，{warnings} 个警告）：' },
  problemsHeaderOne: { en: '1 problem in the data ({errors} {errors:error|errors}, {warnings} {warnings:warning|warnings}):', zh: '数据中有 1 个问题（{errors} 个错误，{warnings} 个警告）：' },
  moreProblems: { en: '… and {count} more. Run again with --all to list every one.', zh: '……另有 {count} 个问题。加 --all 重新运行可列出全部。' },
  noProblems: { en: 'No problems found in the data.', zh: '数据未发现问题。' },
  problemLine: { en: '{severity} {sheet}, row {row}{column}{value}: {message}', zh: '{severity} {sheet}，第 {row} 行{column}{value}：{message}' },
  problemLineNoRow: { en: '{severity} {sheet}{column}: {message}', zh: '{severity} {sheet}{column}：{message}' },
  fixLine: { en: '    Fix: {fix}', zh: '    修改：{fix}' },
  error: { en: 'error', zh: '错误' },
  warning: { en: 'warning', zh: '警告' },
  internal: { en: 'Unexpected failure: {message}', zh: '意外错误：{message}' },
} as const satisfies Record<string, Bilingual>;

export const SKIP_REASON: Readonly<Record<string, Bilingual>> = {
  not_in_team: { en: 'not in the Team tab', zh: '不在团队表中' },
  no_email: { en: 'no email in the Team tab', zh: '团队表中没有邮箱' },
  invalid_email: { en: 'not a valid email address', zh: '邮箱地址无效' },
  domain_not_allowed: { en: 'domain not in Settings → Allowed email domains', zh: '域名不在“设置 → 允许的邮箱域名”中' },
  opted_out: { en: 'Reminders set to No in Team', zh: '团队表中“接收提醒”为否' },
};

export const KIND_LABEL: Readonly<Record<string, Bilingual>> = {
  weekly: { en: 'weekly digest', zh: '每周摘要' },
  daily: { en: 'daily digest', zh: '每日摘要' },
  monthly: { en: 'monthly digest', zh: '每月摘要' },
};

export function say(text: Bilingual, lang: Lang, params: Record<string, string | number> = {}): string {
  return pick(fill(text, params), lang);
}
