import type { MetricKey } from './catalogue';
import { Person } from './model';
import { normalizeLabel } from './options';

/** Name as compared with Team: case, width and spaces ignored, and the seed's anonymising `*` dropped. */
export function personKey(name: string): string {
  return normalizeLabel(name).replace(/[*＊]/g, '').replace(/\s+/g, '');
}

/** Each team's members by personKey, built once per team list (parsed lists are never changed afterwards). */
const TEAM_INDEXES = new WeakMap<readonly Person[], ReadonlyMap<string, Person>>();

function teamIndex(team: readonly Person[]): ReadonlyMap<string, Person> {
  let index = TEAM_INDEXES.get(team);
  if (!index) {
    const byKey = new Map<string, Person>();
    for (const person of team) {
      const key = personKey(person.name);
      // The first member of a name wins, as a search down the Team tab finds them.
      if (!byKey.has(key)) byKey.set(key, person);
    }
    TEAM_INDEXES.set(team, byKey);
    index = byKey;
  }
  return index;
}

/** The Team member an owner cell's name refers to (`张` finds `张*`), or null: one map look-up, whatever the team's size. */
export function findPerson(team: readonly Person[], name: string): Person | null {
  const wanted = personKey(name);
  if (wanted === '') return null;
  return teamIndex(team).get(wanted) ?? null;
}

/** The same metric in two places (snapshots, targets, archived results): by catalogue key, else by its name. */
export function sameMetric(a: { metric: string; metricKey: MetricKey | null }, b: { metric: string; metricKey: MetricKey | null }): boolean {
  if (a.metricKey !== null || b.metricKey !== null) return a.metricKey === b.metricKey;
  return personKey(a.metric) === personKey(b.metric);
}
