/**
 * References to other tabs inside a formula. Copying a tab (Sheet.copyTo) keeps its formulas pointing at
 * the original tabs, so an archive copy of Costs would go on summing the live Weekly log; retargeting its
 * references at the archive copies keeps the archive showing the archived cycle.
 */

/** A tab name as a formula writes it: quoted unless it is a plain word ('Weekly log'!A1, Costs!A1; ' doubled). */
export function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `${name}!` : `'${name.replace(/'/g, "''")}'!`;
}

/**
 * The formula with every reference to a renamed tab (`renames`: old name → new name) pointing at the new
 * one. Text inside string literals ("…") is left alone; names compare case-insensitively, as Sheets does.
 */
export function retargetSheetRefs(formula: string, renames: ReadonlyMap<string, string>): string {
  if (renames.size === 0 || !formula.startsWith('=')) return formula;
  const byLower = new Map([...renames].map(([from, to]) => [from.toLowerCase(), to]));
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i]!;
    if (ch === '"') {
      const end = formula.indexOf('"', i + 1);
      const stop = end < 0 ? formula.length : end + 1;
      out += formula.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "'") {
      let j = i + 1;
      let name = '';
      while (j < formula.length) {
        if (formula[j] === "'" && formula[j + 1] === "'") {
          name += "'";
          j += 2;
        } else if (formula[j] === "'") {
          break;
        } else {
          name += formula[j];
          j += 1;
        }
      }
      const target = formula[j + 1] === '!' ? byLower.get(name.toLowerCase()) : undefined;
      if (target !== undefined) {
        out += sheetRef(target);
        i = j + 2;
      } else {
        out += formula.slice(i, j + 1);
        i = j + 1;
      }
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*!/.exec(formula.slice(i));
    const before = out.slice(-1);
    if (word && !/[A-Za-z0-9_.]/.test(before)) {
      const target = byLower.get(word[0].slice(0, -1).toLowerCase());
      out += target !== undefined ? sheetRef(target) : word[0];
      i += word[0].length;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}
