/**
 * The snapshot proof (see snapshot.test.ts) for options that change what set-up does: another owner and account
 * type, another day, another time zone and spreadsheet name.
 */
import { EmulatorOptions } from '../../src/node/emulator';
import { provesSameAsSetUp } from './sameState';

const OPTION_SETS: [string, EmulatorOptions][] = [
  ['a Workspace owner on a Thursday', { now: new Date('2023-07-27T15:00:00+08:00'), accountType: 'workspace', userEmail: 'lead@example.com' }],
  ['after the quarter, another zone', { now: new Date('2023-10-02T09:00:00+08:00'), timeZone: 'Asia/Hong_Kong', spreadsheetName: 'East China tracker' }],
];

describe('an emulator restored from a snapshot of set-up + example is the one set-up leaves', () => {
  provesSameAsSetUp(OPTION_SETS);
});
