// HTML for the twin's pages, escaped by construction: every value put into an html`...` template is
// escaped (text and double-quoted attributes alike) unless it is itself Html made by a template.
// Titles, bodies, comments and branch names come from agents and people: none reaches a page raw.
export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** null, undefined and booleans render nothing, so `cond && html\`...\`` reads naturally. */
function renderValue(v: HtmlValue): string {
  if (v === null || v === undefined || typeof v === "boolean") return "";
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(renderValue).join("");
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += renderValue(v) + (strings[i + 1] ?? "");
  });
  return new Html(out);
}

/** A link target only when it is an http(s) URL (a check run's details_url may be anything, javascript: too). */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url || !URL.canParse(url)) return null;
  const protocol = new URL(url).protocol;
  return protocol === "http:" || protocol === "https:" ? url : null;
}
