/** Text from a cell, safe inside HTML (emails, dialogs). */
export function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A simple HTML table (header row + body), every cell escaped. */
export function htmlTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = header.map((h) => `<th style="text-align:left;border-bottom:1px solid #ccc;padding:4px">${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c) => `<td style="vertical-align:top;border-bottom:1px solid #eee;padding:4px">${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('');
  return `<table style="border-collapse:collapse;font:13px Arial,sans-serif"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
