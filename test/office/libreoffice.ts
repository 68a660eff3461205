import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const INSTALL_HINT =
  'LibreOffice is needed for the office tests (npm run test:office) and was not found.\n' +
  '  Debian / Ubuntu: sudo apt-get install -y libreoffice-calc-nogui libreoffice-writer-nogui\n' +
  '  macOS:           brew install --cask libreoffice\n' +
  'or set SOFFICE to the path of the soffice program.';

/** The soffice program: $SOFFICE, else soffice or libreoffice on the PATH; throws with install hints. */
export function soffice(): string {
  for (const candidate of [process.env.SOFFICE, 'soffice', 'libreoffice']) {
    if (!candidate) continue;
    const probe = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (probe.status === 0 && /LibreOffice/i.test(probe.stdout)) return candidate;
  }
  throw new Error(INSTALL_HINT);
}

/**
 * A private LibreOffice profile that recalculates every formula of an .xlsx on load (so the figures read
 * back are LibreOffice's own, never cached values) and cannot clash with a LibreOffice already running.
 */
export function profile(dir: string): string {
  const user = join(dir, 'user');
  mkdirSync(user, { recursive: true });
  const item = (name: string): string =>
    `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="${name}" oor:op="fuse"><value>0</value></prop></item>`;
  writeFileSync(join(user, 'registrymodifications.xcu'), `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
${item('OOXMLRecalcMode')}
${item('ODFRecalcMode')}
</oor:items>
`);
  return `file://${dir}`;
}

/** Converts `file` with LibreOffice headless into `outDir`; returns the files it wrote. */
export function convert(program: string, profileUrl: string, file: string, filter: string, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const before = new Set(readdirSync(outDir));
  const run = spawnSync(program, [`-env:UserInstallation=${profileUrl}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', outDir, file], {
    encoding: 'utf8', timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`soffice failed (${run.status}): ${run.stderr}${run.stdout}`);
  const written = readdirSync(outDir).filter((f) => !before.has(f));
  if (written.length === 0) throw new Error(`soffice wrote nothing: ${run.stderr}${run.stdout}`);
  return written.map((f) => join(outDir, f));
}

/** One CSV line into fields (quotes and doubled quotes handled). */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { fields.push(field); field = ''; } else field += ch;
  }
  fields.push(field);
  return fields;
}
