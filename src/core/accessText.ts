/**
 * What people read about permissions and about who sends the reminders: missing grants (granular
 * consent), the reminder owner, take-over, and the recipients confirmed before mail goes out.
 */
import { Bilingual, Lang, bi, joinList, pick } from './i18n';
import { SCOPE_TEXT, ScopeKey } from './scopes';

export const ACCESS = {
  missingTitle: bi('Permission needed', '需要授权'),
  missing: bi(
    'This needs permission you have not given the tracker yet:\n{list}\n\nTo give it: click OK, then on Google\'s screen that opens tick the box(es) above and click Continue (or open {url}). Then choose the menu item again. Nothing was changed.',
    '此操作需要您尚未授予跟踪表的权限：\n{list}\n\n授权方法：点击“确定”，在随后打开的 Google 页面上勾选上述选项并点击“继续”（或打开 {url}），然后再次选择该菜单项。未做任何修改。',
  ),
  missingItem: bi('• "{consent}" — to {why}', '• “{consent}”——用于{why}'),
  triggerStopped: bi(
    'Reminders stopped: the account {account} no longer allows the tracker to {why} ("{consent}"). Nothing was sent, and the daily trigger was removed so it does not fail every day. To restart: open the spreadsheet as {account}, choose Reminders → Turn reminders on and tick the box on Google\'s screen.',
    '提醒已停止：账号 {account} 不再允许跟踪表{why}（“{consent}”）。未发送任何邮件，并已删除每日触发器，以免每天失败。恢复方法：以 {account} 打开表格，选择“提醒 → 开启提醒”，并在 Google 页面上勾选该选项。',
  ),
  triggerStoppedSubject: bi('Market expansion reminders stopped: permission needed', '市场拓展提醒已停止：需要授权'),
  menuTakeOver: bi('Send reminders from my account (take over)', '改由我的账号发送提醒（接管）'),
  takeOverTitle: bi('Take over the reminders?', '接管提醒？'),
  takeOver: bi(
    'Reminders are sent from {owner}\'s account ({since}; {lastRun}). Take over, so that your account ({me}) sends them from now on? {owner}\'s trigger then stops itself the next time it runs, and nobody gets an email twice.',
    '目前由 {owner} 的账号发送提醒（{since}；{lastRun}）。是否接管，改由您的账号（{me}）发送？{owner} 的触发器会在下次运行时自行停止，任何人都不会重复收到邮件。',
  ),
  since: bi('since {time}', '自 {time} 起'),
  takeOverDeclined: bi('{me} chose not to take over the reminders from {owner}; nothing was changed.', '{me} 未接管 {owner} 的提醒，未做任何修改。'),
  logTakenOver: bi('{me} took over the reminders from {owner}; {owner}\'s trigger stops itself the next time it runs.', '{me} 接管了 {owner} 的提醒；{owner} 的触发器会在下次运行时自行停止。'),
  logRetired: bi('A reminder trigger of {account} stopped itself and sent nothing: {reason}', '{account} 的一个提醒触发器已自行停止，未发送任何邮件：{reason}'),
  retiredNewOwner: bi('reminders are now sent from {owner}\'s account.', '现改由 {owner} 的账号发送提醒。'),
  retiredOff: bi('reminders were turned off.', '提醒已关闭。'),
  offByOther: bi('{owner}\'s trigger stops itself the next time it runs; nothing more is sent.', '{owner} 的触发器会在下次运行时自行停止，不会再发送任何邮件。'),
  statusLastRun: bi('Last run {time}: {result}', '上次运行 {time}：{result}'),
  statusNoRun: bi('No run yet.', '尚未运行。'),
  lastRunNone: bi('no run yet', '尚未运行'),
  lastRunAt: bi('last run {time}', '上次运行 {time}'),
  statusOverdue: bi(
    'The run due {time} did not happen: {owner}\'s account may have left the company or lost access to this spreadsheet. Anyone can take over with Reminders → Turn reminders on.',
    '应于 {time} 进行的运行没有发生：{owner} 的账号可能已离职或失去了此表格的访问权限。任何人都可以通过“提醒 → 开启提醒”接管。',
  ),
  statusStopped: bi(
    'Stopped {time}: {account} no longer allows the tracker to {why} ("{consent}"). Turn reminders on again to restart.',
    '已于 {time} 停止：{account} 不再允许跟踪表{why}（“{consent}”）。重新开启提醒即可恢复。',
  ),
  statusUnconfirmed: bi('{count} new address(es) wait for confirmation and get nothing until then: {list}.', '{count} 个新地址待确认，确认前不会收到邮件：{list}。'),
  recipientsTitle: bi('Who will receive reminders', '提醒收件人'),
  recipients: bi(
    'Reminders will go out from your account ({me}) to these {count} address(es):\n{list}\n\n{domains}\n\nSend reminders to them?',
    '提醒将从您的账号（{me}）发送到以下 {count} 个地址：\n{list}\n\n{domains}\n\n是否向他们发送提醒？',
  ),
  recipientsEmpty: bi('Nobody can receive reminders yet: add people with an email to Team (Reminders = Yes).', '目前没有人能收到提醒：请在“团队”中添加有邮箱的成员（提醒 = 是）。'),
  recipientOwner: bi('owner', '负责人'),
  recipientManager: bi('manager: summary', '主管：汇总'),
  recipientOutside: bi(' — OUTSIDE {domain}', '——不在 {domain} 内'),
  recipientNew: bi(' — new', '——新增'),
  domainsSettings: bi('Only addresses in {domains} (Settings → Allowed email domains) can receive mail.', '只有 {domains} 内的地址（设置 → 允许的邮箱域名）能收到邮件。'),
  domainsSender: bi(
    'Settings → Allowed email domains is blank, so only addresses in your own domain ({domain}) can receive mail; type more domains there to allow them.',
    '“设置 → 允许的邮箱域名”为空，因此只有您所在域名（{domain}）内的地址能收到邮件；如需允许其他域名，请在此处填写。',
  ),
  domainsNone: bi(
    'Your account is a personal one ({domain}), so there is no company domain to limit mail to: any address typed into Team or Manager emails receives the team\'s data. To limit it, type your company\'s domains in Settings → Allowed email domains.',
    '您的账号是个人账号（{domain}），没有可用于限制收件人的公司域名：在“团队”或“主管邮箱”中填写的任何地址都会收到团队的数据。如需限制，请在“设置 → 允许的邮箱域名”中填写公司域名。',
  ),
  recipientsDeclined: bi('Nothing was sent or turned on. Correct Team or Settings → Manager emails, then try again.', '未发送任何邮件，也未开启提醒。请修改“团队”或“设置 → 主管邮箱”后重试。'),
  logConfirmed: bi('{me} confirmed {count} reminder {count:recipient|recipients}: {list}', '{me} 确认了 {count} 个提醒收件人：{list}'),
  logUnconfirmed: bi(
    'Not sent to {email}: the address was added after the recipients were confirmed. Confirm it with Reminders → Turn reminders on or Send reminders now.',
    '未发送给 {email}：该地址是在确认收件人之后添加的。请通过“提醒 → 开启提醒”或“立即发送提醒”确认。',
  ),
} as const satisfies Record<string, Bilingual>;

/** The missing permissions, one line each, as the consent screen names them and why the tracker asks. */
export function missingList(keys: readonly ScopeKey[], lang: Lang): string {
  return keys.map((k) => pick(ACCESS.missingItem, lang).replace('{consent}', pick(SCOPE_TEXT[k].consent, lang)).replace('{why}', pick(SCOPE_TEXT[k].why, lang))).join('\n');
}

/** The consent-screen names of the permissions, as one phrase. */
export function consentNames(keys: readonly ScopeKey[], lang: Lang): string {
  return joinList(keys.map((k) => pick(SCOPE_TEXT[k].consent, lang)), lang);
}

/** Why the tracker asks for these permissions, as one phrase. */
export function purposes(keys: readonly ScopeKey[], lang: Lang): string {
  return joinList(keys.map((k) => pick(SCOPE_TEXT[k].why, lang)), lang);
}
