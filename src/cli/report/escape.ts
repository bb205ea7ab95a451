/**
 * Escape text for HTML element content and double- or single-quoted attribute values. Every
 * string that comes from input files (ids, names, queue names, explanation text) goes through
 * this, so a customer named `<script>` stays text.
 */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Template tag helper: `esc` for interpolating values known to be strings or numbers. */
export function esc(value: string | number): string {
  return typeof value === "number" ? String(value) : escapeHtml(value);
}
