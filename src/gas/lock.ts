import { Lang } from '../core/i18n';
import { UI } from '../core/messages';
import { alertText } from './ui';

/** Runs work under the document lock; tells the person (instead of queueing) when another run holds it. */
export function withDocumentLock<T>(lang: Lang, work: () => T, interactive = true): T | null {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(5_000)) {
    if (interactive) alertText(lang, UI.busy);
    return null;
  }
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}
