/**
 * The proof that exampleEmulator's shortcut is faithful: an emulator restored from a snapshot of set-up + example
 * (Emulator.snapshot, EmulatorSnapshot.restore) is the same as one that ran set-up and the example itself
 * (setUpExample) — the same state, object for object, and the same behaviour afterwards: the same results, mails,
 * documents, UI, logs and service calls for the operations a team runs next.
 */
import { EmulatorOptions, SnapshotError } from '../../src/node/emulator';
import { bundleEmulator, exampleSnapshot, setUpExample } from './harness';
import { provesSameAsSetUp, settled, stateDifference } from './sameState';

const OPTION_SETS: [string, EmulatorOptions][] = [
  ['the defaults (Friday 2023-07-28, English)', {}],
  ['a Chinese spreadsheet', { locale: 'zh_CN' }],
];
// Two more option sets are in snapshot-options.test.ts: a file each, so two workers share the proof.

describe('an emulator restored from a snapshot of set-up + example is the one set-up leaves', () => {
  provesSameAsSetUp(OPTION_SETS);
});

describe('snapshots are independent', () => {
  it('two restored emulators and the snapshot share nothing: a change to one reaches neither the other nor the next restore', () => {
    const snapshot = exampleSnapshot();
    const a = snapshot.restore();
    const b = snapshot.restore();
    const untouched = settled(setUpExample());
    a.spreadsheet.getSheetByName('Team')!.getRange('A2').setValue('Chen');
    a.properties.document.set('changed', 'yes');
    a.call('menuTurnRemindersOn');
    a.clock.advance(86_400_000);
    expect(a.spreadsheet.getSheetByName('Team')!.getRange('A2').getValue()).toBe('Chen');
    expect(stateDifference(b, untouched)).toBeNull();
    expect(stateDifference(snapshot.restore(), untouched)).toBeNull();
  });

  it('a snapshot is of the moment it was taken: later changes to its source do not reach it', () => {
    const source = setUpExample();
    const snapshot = source.snapshot();
    const taken = snapshot.restore();
    source.spreadsheet.getSheetByName('Team')!.getRange('A2').setValue('Chen');
    source.call('menuCheckData');
    expect(stateDifference(snapshot.restore(), taken)).toBeNull();
  });

  it('is taken with computed values up to date: a restored emulator reads them as they are, and builds its formula engine at the first change', () => {
    const slow = setUpExample();
    const restored = exampleSnapshot().restore();
    const dashboard = (e: typeof slow) => e.spreadsheet.getSheetByName('Dashboard')!.getDataRange().getValues();
    expect(dashboard(restored)).toEqual(dashboard(settled(slow)));
    expect(restored.recalculationStats().rebuilds).toBe(0);
    const before = dashboard(restored);
    for (const e of [restored, slow]) e.spreadsheet.getSheetByName('Weekly log')!.getRange('G2').setValue(999999);
    expect(dashboard(restored)).toEqual(dashboard(slow));
    expect(dashboard(restored)).not.toEqual(before);
    expect(restored.recalculationStats().rebuilds).toBe(1);
  });

  it('refuses what it cannot copy faithfully: host functions given to the formula engine (closures)', () => {
    const emulator = bundleEmulator();
    emulator.defineCustomFunctions({ DOUBLE: (x: unknown) => Number(x) * 2 });
    expect(() => emulator.snapshot()).toThrow(SnapshotError);
    expect(() => emulator.snapshot()).toThrow(/a function .* at \.hostFunctions\.DOUBLE/);
  });
});
