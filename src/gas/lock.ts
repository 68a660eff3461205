import { Lang } from '../core/i18n';
import { UI } from '../core/messages';
import { propertiesMayHaveChanged } from './run';
import { alertText } from './ui';

/** How long a run started by a person waits for the lock before saying another run is in progress. */
export const DEFAULT_LOCK_WAIT_MS = 5_000;

export interface LockOptions {
  /** How long to wait for the lock (default DEFAULT_LOCK_WAIT_MS); a trigger nobody waits for can wait longer. */
  readonly waitMs?: number;
  /** Called when the lock stayed busy (after the alert, when interactive): e.g. to log it and schedule a retry. */
  readonly onBusy?: () => void;
}

/**
 * Runs work under the document lock (`lang` may be read lazily: only to say the lock is busy). When another run holds it past the wait, tells the person (when
 * interactive), calls options.onBusy, and returns null without running the work.
 */
export function withDocumentLock<T>(lang: Lang | (() => Lang), work: () => T, interactive = true, options: LockOptions = {}): T | null {
  // getDocumentLock() returns null outside a document context (e.g. a copy of the project run as a
  // standalone script); this project is bound to one spreadsheet, so the script lock guards the same runs.
  const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
  if (!lock.tryLock(options.waitMs ?? DEFAULT_LOCK_WAIT_MS)) {
    // A run whose language is read under the lock reads it only now, to say it is busy.
    if (interactive) alertText(typeof lang === 'function' ? lang() : lang, UI.busy);
    options.onBusy?.();
    return null;
  }
  propertiesMayHaveChanged();
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}
