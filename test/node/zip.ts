import JSZip from 'jszip';

/** The entries of a zip archive (a .docx or .xlsx), read with JSZip. */
export async function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(buffer);
  const entries = new Map<string, Buffer>();
  for (const [name, file] of Object.entries(zip.files)) {
    if (!file.dir) entries.set(name, await file.async('nodebuffer'));
  }
  return entries;
}

/** The visible text runs of word/document.xml, in order. */
export function docxTexts(documentXml: string): string[] {
  return [...documentXml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => (m[1] ?? '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
}
