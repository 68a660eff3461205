import fc from 'fast-check';
import { timeContext } from '../../src/gas/spreadsheet';
import { Emulator } from '../../src/node/emulator';
import { zonedParts } from '../../src/node/emulator/format';
import { dayFromParts } from '../../src/core/values';

/** The adapter's date arithmetic against the emulator's Utilities (Intl-backed), zone by zone. */
function withZone(timeZone: string) {
  const emulator = new Emulator({ timeZone, now: new Date('2023-03-12T12:00:00Z') });
  (globalThis as Record<string, unknown>).Utilities = emulator.services.Utilities;
  return { emulator, time: timeContext(timeZone) };
}

const truth = (date: Date, timeZone: string): number => {
  const p = zonedParts(date, timeZone);
  return dayFromParts(p.year, p.month, p.day);
};

describe('calendar days in the spreadsheet time zone', () => {
  it.each(['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham'])('match the zone for any instant (%s)', (zone) => {
    const { time } = withZone(zone);
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }), (date) => {
        expect(time.dayOf(date)).toBe(truth(date, zone));
      }),
      { numRuns: 300 },
    );
  });

  it('gets the evening before a DST switch right (New York, 2023-03-12)', () => {
    const { time } = withZone('America/New_York');
    expect(time.dayOf(new Date('2023-03-12T04:30:00Z'))).toBe(dayFromParts(2023, 3, 11)); // 23:30 EST
    expect(time.dayOf(new Date('2023-03-12T05:00:00Z'))).toBe(dayFromParts(2023, 3, 12)); // 00:00 EST
  });

  it('asks Utilities a number of times that grows with distinct days, not with rows', () => {
    const { emulator, time } = withZone('Asia/Shanghai');
    emulator.calls.reset();
    const base = Date.parse('2023-07-01T00:00:00Z');
    for (let i = 0; i < 10_000; i++) time.dayOf(new Date(base + (i % 30) * 86_400_000 + (i * 7919) % 86_400_000));
    expect(emulator.calls.count('Utilities.formatDate')).toBeLessThanOrEqual(2 * 31);
  });
});
