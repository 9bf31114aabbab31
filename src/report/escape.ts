/**
 * HTML escaping for text from data (column names, categories, model names)
 * written into the report.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * `text` safe to place in HTML element content and in quoted attribute values.
 * @example escapeHtml('<b>"x" & y</b>') // '&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
