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
