/**
 * What the snapshot proof tests (snapshot.test.ts, snapshot-options.test.ts) compare: an emulator restored from a
 * snapshot of set-up + example against one that ran set-up and the example itself (setUpExample).
 */
import { Emulator, EmulatorOptions, EmuUrlFetchApp, Runtime } from '../../src/node/emulator';
import { exampleEmulator, setUpExample } from './harness';

/**
 * The fields a restored emulator starts afresh by design (index.ts FRESH_STATE): the vm context and what is derived
 * from the loaded code, the formula engine (built again from the cells), the call counter, modelled and host time.
 */
const NOT_STATE = new Map<new (...args: never[]) => object, readonly string[]>([
  [Emulator, ['options', 'context', 'code', 'bundleFile', 'functionsVersion', 'customFunctionsFor', 'customFunctionsNow', 'formulas', 'calls', 'lastModelled']],
  [Runtime, ['calls', 'modelled', 'hostCpuMs']],
  [EmuUrlFetchApp, ['worker']],
]);

const skipped = (owner: object, key: string): boolean => {
  for (const [type, keys] of NOT_STATE) if (owner instanceof type && keys.includes(key)) return true;
  return false;
};

/**
 * Where two emulators' states first differ (null: nowhere), walking both object graphs side by side: every field
 * of every object reachable from the emulator, Maps, Sets, Dates, bytes and holes included. An object met again
 * must be met again at the same place in the other graph too, so objects are shared alike as well. Written apart
 * from the copier in snapshot.ts: it only reads.
 */
export function stateDifference(a: Emulator, b: Emulator): string | null {
  const pairs = new Map<object, object>();
  const path: string[] = ['emulator'];
  const differ = (what: string): string => `${path.join('')}: ${what}`;
  const same = (x: unknown, y: unknown): string | null => {
    if (typeof x === 'function' || typeof y === 'function') return typeof x === typeof y ? null : differ('a function on one side only');
    if (x === null || typeof x !== 'object' || y === null || typeof y !== 'object') {
      return Object.is(x, y) ? null : differ(`${String(x)} ≠ ${String(y)}`);
    }
    const paired = pairs.get(x);
    if (paired !== undefined) return paired === y ? null : differ('an object shared differently');
    pairs.set(x, y);
    const tag = Object.prototype.toString.call(x);
    if (tag !== Object.prototype.toString.call(y)) return differ(`${tag} ≠ ${Object.prototype.toString.call(y)}`);
    if (tag === '[object Date]') return same(Date.prototype.getTime.call(x), Date.prototype.getTime.call(y));
    if (x instanceof Uint8Array) return Buffer.compare(Buffer.from(x), Buffer.from(y as Uint8Array)) === 0 ? null : differ('bytes differ');
    if (tag === '[object Map]' || tag === '[object Set]') {
      const xs = [...(x as Map<unknown, unknown>).entries()];
      const ys = [...(y as Map<unknown, unknown>).entries()];
      if (xs.length !== ys.length) return differ(`${xs.length} entries ≠ ${ys.length}`);
      for (let i = 0; i < xs.length; i++) {
        path.push(`.entry${i}`);
        const d = same(xs[i]![0], ys[i]![0]) ?? same(xs[i]![1], ys[i]![1]);
        path.pop();
        if (d) return d;
      }
      return null;
    }
    const kind = (o: object): string => (Object.getPrototypeOf(o) as { constructor?: { name?: string } } | null)?.constructor?.name ?? 'null prototype';
    if (kind(x) !== kind(y)) return differ(`${kind(x)} ≠ ${kind(y)}`);
    const keys = (o: object): string[] => Reflect.ownKeys(o).map(String).filter((k) => !skipped(o, k)).sort();
    const [kx, ky] = [keys(x), keys(y)];
    if (kx.join() !== ky.join()) return differ(`fields ${kx.join()} ≠ ${ky.join()}`);
    for (const key of kx) {
      path.push(Array.isArray(x) ? `[${key}]` : `.${key}`);
      const d = same((x as Record<string, unknown>)[key], (y as Record<string, unknown>)[key]);
      path.pop();
      if (d) return d;
    }
    return null;
  };
  return same(a, b);
}

/** Every tab's data range as Apps Script gives it: values, formulas, number formats, validations, frozen rows, rules, charts. */
export function sheetsAsSeen(emulator: Emulator): unknown {
  return emulator.spreadsheet.getSheets().map((sheet) => {
    // The data range: cells beyond it (formats and validations down whole columns) are in stateDifference's walk.
    const range = sheet.getDataRange();
    return {
      name: sheet.getName(),
      values: range.getValues(),
      formulas: range.getFormulas(),
      formats: range.getNumberFormats(),
      validations: range.getDataValidations().map((row) => row.map((dv) => (dv ? [dv.getCriteriaType(), dv.getCriteriaValues(), dv.getAllowInvalid(), dv.getHelpText()] : null))),
      frozen: [sheet.getFrozenRows(), sheet.getFrozenColumns()],
      conditionalFormats: sheet.getConditionalFormatRules().length,
      charts: sheet.getCharts().length,
    };
  });
}

/** What a run leaves for people to see: alerts, dialogs, toasts, mails, documents, triggers, log lines, properties. */
export function outcome(emulator: Emulator): unknown {
  return {
    alerts: emulator.ui.alerts.map((a) => [a.title, a.prompt, a.response, a.at.getTime()]),
    dialogs: emulator.ui.dialogs.map((d) => [d.kind, d.title, d.html]),
    toasts: emulator.ui.toasts.map((t) => [t.title, t.message]),
    mail: emulator.mail.map((m) => ({ ...m, at: m.at.getTime() })),
    documents: emulator.documents.map((d) => [d.name, d.trashed, d.body.outline()]),
    triggers: emulator.triggers.map((t) => [t.id, t.deleted, t.spec]),
    triggerRuns: emulator.triggerRuns.map((r) => [r.trigger.id, r.at.getTime(), String(r.error ?? ''), r.skipped ?? '']),
    logs: emulator.logs,
    properties: [...Object.entries(emulator.properties)].map(([store, map]) => [store, [...map]]),
    clock: emulator.clock.nowMs(),
  };
}

/** The next operations a team runs on the example, each returning what the test compares. */
export const NEXT_OPERATIONS: [string, (e: Emulator) => unknown][] = [
  ['Check data', (e) => e.call('menuCheckData')],
  ['a person types this week\'s numbers (recalculation)', (e) => {
    const log = e.spreadsheet.getSheetByName('Weekly log') ?? e.spreadsheet.getSheets().find((s) => s.getName() === '周报')!;
    const row = log.getLastRow() + 1;
    const first = log.getRange(2, 1, 1, log.getLastColumn()).getValues()[0]!;
    log.getRange(row, 1, 1, first.length).setValues([first.map((v, i) => (typeof v === 'number' && i > 2 ? v + 1 : v))]);
    e.fireOnEdit(log.getRange(row, 1, 1, first.length));
    return e.spreadsheet.getSheets().map((s) => s.getDataRange().getValues());
  }],
  ['reminders sent now', (e) => e.call('menuSendRemindersNow')],
  ['reminders on, and the next Friday\'s trigger', (e) => {
    e.call('menuTurnRemindersOn');
    e.clock.advance(7 * 86_400_000);
    return e.fireTimeTriggers().map((r) => [r.trigger.spec.handler, String(r.error ?? ''), r.result]);
  }],
  ['the quarter\'s report', (e) => {
    e.clock.set(new Date('2023-10-08T10:00:00+08:00'));
    e.call('onOpen');
    return e.call('menuGenerateReport');
  }],
  ['the roll-over into the next cycle', (e) => {
    e.ui.respondNextAlert('YES');
    return e.call('menuStartNextCycle');
  }],
];

/**
 * An emulator with its computed values brought up to date, as Emulator.snapshot takes them: the state a restored
 * emulator is compared with (the next read would recalculate anyway; formulasDirty says only that one is due).
 */
export function settled(emulator: Emulator): Emulator {
  emulator.recalculate();
  return emulator;
}

export function provesSameAsSetUp(optionSets: [string, EmulatorOptions][]): void {
  describe.each(optionSets)('%s', (_name, opts) => {
    let slow: Emulator;
    let restored: Emulator;
    beforeAll(() => {
      slow = settled(setUpExample(opts));
      restored = exampleEmulator(opts);
    });

    it('starts as a new execution: bundle loaded afresh, nothing counted yet', () => {
      expect(restored.calls.total()).toBe(0);
      expect(restored.modelledMs()).toBe(0);
      expect(restored.recalculationStats()).toEqual({ rebuilds: 0, updates: 0, unchanged: 0 });
      expect(restored.global('menuSetupSheets')).not.toBe(slow.global('menuSetupSheets'));
      expect(typeof restored.global('menuSetupSheets')).toBe('function');
    });

    it('holds the same state, object for object (every tab, property store, trigger, file, mail, user, clock, quota, fault)', () => {
      expect(stateDifference(restored, slow)).toBeNull();
    });

    it('shows the same tabs through Apps Script: values, formulas, formats, validations, notes, charts', () => {
      slow.calls.reset();
      expect(sheetsAsSeen(restored)).toEqual(sheetsAsSeen(slow));
      expect(restored.calls.snapshot()).toEqual(slow.calls.snapshot());
      expect(outcome(restored)).toEqual(outcome(slow));
    });

    it.each(NEXT_OPERATIONS)('then %s gives the same results, mails, documents, state and service calls', (_op, run) => {
      slow.calls.reset();
      restored.calls.reset();
      expect(run(restored)).toEqual(run(slow));
      expect(restored.calls.snapshot()).toEqual(slow.calls.snapshot());
      expect(restored.modelledMs()).toBe(slow.modelledMs());
      expect(outcome(restored)).toEqual(outcome(slow));
      expect(stateDifference(restored, slow)).toBeNull();
    });
  });
}
