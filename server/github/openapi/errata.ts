// Places where GitHub's published description contradicts what GitHub sends, corrected before the
// extract is written (scripts/extract-github-openapi.ts). Each names the place, what the description
// holds there and why it is wrong. Extraction fails when a place no longer holds what it did, so a
// new pin that fixes (or moves) a mistake is noticed and its erratum removed.
export type Erratum = { pointer: string; rename: { from: string; to: string }; why: string };

export const ERRATA: readonly Erratum[] = [
  {
    pointer: "/paths/~1app~1installations/get/responses/200/content/application~1json/schema/items/properties/account",
    rename: { from: "allOf", to: "anyOf" },
    why: "an installation's account is a user or an enterprise (as the installation schema itself says with anyOf); allOf would need both at once",
  },
];

const unescape = (s: string) => s.replace(/~1/g, "/").replace(/~0/g, "~");

/** Applies every erratum to the description in place; throws naming one that no longer fits. */
export function applyErrata(description: unknown, errata: readonly Erratum[] = ERRATA): void {
  for (const e of errata) {
    let at: unknown = description;
    for (const part of e.pointer.split("/").slice(1).map(unescape)) at = (at as Record<string, unknown> | undefined)?.[part];
    const node = at as Record<string, unknown> | undefined;
    if (!node || typeof node !== "object" || !(e.rename.from in node) || e.rename.to in node) {
      throw new Error(`erratum at ${e.pointer} no longer fits (expected ${e.rename.from}, not ${e.rename.to}): check whether GitHub fixed it, then remove it from errata.ts`);
    }
    node[e.rename.to] = node[e.rename.from];
    delete node[e.rename.from];
  }
}
