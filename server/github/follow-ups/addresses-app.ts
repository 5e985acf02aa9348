// Whether a comment asks Fleetgate's App to act: it mentions the App (`@<app-slug>`, the login its
// bot shows without `[bot]`). A comment that does not is conversation ("thanks", "why this?") and
// only recorded; a review asking for changes needs no mention. A mention inside code is not one.

const CODE = /```[\s\S]*?```|`[^`\n]*`/g;

export function addressesApp(body: string, appBot: string): boolean {
  const slug = appBot.replace(/\[bot\]$/i, "");
  if (!slug) return false;
  const escaped = slug.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\w@/-])@${escaped}(\\[bot\\])?(?![\\w-])`, "i").test(body.replace(CODE, " "));
}
