/**
 * A PDF beside a .docx, offline: LibreOffice (`soffice --headless --convert-to pdf`) prints it when it is
 * installed and has a font for the document's language. Without LibreOffice, or with a Chinese document
 * and no Chinese font on the system (LibreOffice would print empty boxes), no PDF is written and the
 * outcome says why and how to fix it. The charts need no font: they are pictures with their own font.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { Bilingual, Lang, fill, pick } from '../core/i18n';

export const PDF_TEXT = {
  wrote: { en: 'Wrote {path} (LibreOffice)', zh: '已生成 {path}（LibreOffice）' },
  noOffice: {
    en: 'No PDF: LibreOffice is not installed (install it, e.g. sudo apt-get install libreoffice-writer-nogui, or set SOFFICE to its soffice program). The .docx opens in Word, WPS and LibreOffice.',
    zh: '未生成 PDF：未安装 LibreOffice（请安装，例如 sudo apt-get install libreoffice-writer-nogui，或将 SOFFICE 设为其 soffice 程序路径）。.docx 可用 Word、WPS 或 LibreOffice 打开。',
  },
  noChineseFont: {
    en: 'No PDF: this system has no Chinese font, so LibreOffice would print the Chinese text as empty boxes (install one, e.g. sudo apt-get install fonts-noto-cjk). The .docx holds the text and opens in Word, WPS and LibreOffice.',
    zh: '未生成 PDF：系统中没有中文字体，LibreOffice 打印的中文会显示为空白方框（请安装中文字体，例如 sudo apt-get install fonts-noto-cjk）。.docx 中的文字完整，可用 Word、WPS 或 LibreOffice 打开。',
  },
  failed: { en: 'No PDF: LibreOffice could not convert {file} ({reason}).', zh: '未生成 PDF：LibreOffice 无法转换 {file}（{reason}）。' },
} as const satisfies Record<string, Bilingual>;

export type PdfOutcome = { readonly ok: true; readonly path: string; readonly message: string } | { readonly ok: false; readonly message: string };

/** The LibreOffice program: $SOFFICE, else soffice or libreoffice on the PATH; null when there is none. */
export function officeProgram(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const candidate of [env.SOFFICE, 'soffice', 'libreoffice']) {
    if (!candidate) continue;
    const probe = spawnSync(candidate, ['--version'], { encoding: 'utf8', timeout: 60_000 });
    if (probe.status === 0 && /LibreOffice/i.test(probe.stdout)) return candidate;
  }
  return null;
}

/**
 * Whether LibreOffice has a font for Chinese: fontconfig lists one for `:lang=zh`. Where there is no
 * fontconfig (Windows, macOS ship Chinese fonts with the system) the answer is yes.
 */
export function hasChineseFont(): boolean {
  const probe = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error || probe.status !== 0) return process.platform !== 'linux';
  return probe.stdout.trim() !== '';
}

/** Prints `docx` to a PDF beside it (same name, .pdf) when LibreOffice and the fonts allow; says why not otherwise. */
export function docxToPdf(docx: string, lang: Lang, options: { env?: NodeJS.ProcessEnv; shown?: string } = {}): PdfOutcome {
  const say = (text: Bilingual, params: Record<string, string> = {}): string => pick(fill(text, params), lang);
  const program = officeProgram(options.env);
  if (program === null) return { ok: false, message: say(PDF_TEXT.noOffice) };
  if (lang === 'zh-CN' && !hasChineseFont()) return { ok: false, message: say(PDF_TEXT.noChineseFont) };
  const outDir = dirname(docx);
  const pdf = join(outDir, `${basename(docx, extname(docx))}.pdf`);
  // A private profile: a LibreOffice the person has open does not block the conversion.
  const profile = mkdtempSync(join(tmpdir(), 'mx-lo-'));
  try {
    const run = spawnSync(program, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, docx], {
      encoding: 'utf8', timeout: 180_000,
    });
    if (run.status !== 0 || !existsSync(pdf)) {
      const reason = (run.error?.message ?? `${run.stderr}${run.stdout}`.trim()) || `exit ${run.status}`;
      return { ok: false, message: say(PDF_TEXT.failed, { file: basename(docx), reason }) };
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const shown = options.shown ? join(dirname(options.shown), basename(pdf)) : pdf;
  return { ok: true, path: pdf, message: say(PDF_TEXT.wrote, { path: shown }) };
}
