/** Text from a cell, safe inside HTML (emails, dialogs). */
export function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * A simple HTML table (header row + body), every cell escaped, every style inline (mail programs such as
 * Gmail and Outlook drop <style> blocks). `cellStyle` adds a cell's own style, e.g. a status colour.
 */
export function htmlTable(header: readonly string[], rows: readonly (readonly string[])[], cellStyle?: (row: number, column: number) => string): string {
  const head = header.map((h) => `<th style="text-align:left;border-bottom:1px solid #ccc;padding:4px">${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r, ri) => `<tr>${r.map((c, ci) => {
      const extra = cellStyle?.(ri, ci) ?? '';
      return `<td style="vertical-align:top;border-bottom:1px solid #eee;padding:4px${extra === '' ? '' : `;${extra}`}">${escapeHtml(c)}</td>`;
    }).join('')}</tr>`)
    .join('');
  return `<table style="border-collapse:collapse;font:13px Arial,sans-serif"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
