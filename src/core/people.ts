import type { MetricKey } from './catalogue';
import { Person } from './model';
import { normalizeLabel } from './options';

/** Name as compared with Team: case, width and spaces ignored, and the seed's anonymising `*` dropped. */
export function personKey(name: string): string {
  return normalizeLabel(name).replace(/[*＊]/g, '').replace(/\s+/g, '');
}

/** The Team member an owner cell's name refers to (`张` finds `张*`), or null. */
export function findPerson(team: readonly Person[], name: string): Person | null {
  const wanted = personKey(name);
  if (wanted === '') return null;
  return team.find((p) => personKey(p.name) === wanted) ?? null;
}

/** The same metric in two places (snapshots, targets, archived results): by catalogue key, else by its name. */
export function sameMetric(a: { metric: string; metricKey: MetricKey | null }, b: { metric: string; metricKey: MetricKey | null }): boolean {
  if (a.metricKey !== null || b.metricKey !== null) return a.metricKey === b.metricKey;
  return personKey(a.metric) === personKey(b.metric);
}
