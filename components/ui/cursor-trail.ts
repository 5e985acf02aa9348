// Keyset paging's way back. The API gives only the next page's cursor, so a list remembers the
// cursors it followed (the trail) to go back; a page opened from a link has no trail but can always
// return to the first page ("" is the first page's cursor).

export type PageStep = { cursor: string; trail: string[] };

export function pageSteps(trail: readonly string[], cursor: string, next: string | null): { first?: PageStep; prev?: PageStep; next?: PageStep } {
  return {
    first: cursor ? { cursor: "", trail: [] } : undefined,
    prev: trail.length ? { cursor: trail[trail.length - 1]!, trail: trail.slice(0, -1) } : undefined,
    next: next ? { cursor: next, trail: [...trail, cursor] } : undefined,
  };
}

/** The page's number counted from where this view started, or null on a first page reached without paging. */
export const pageNumber = (trail: readonly string[], cursor: string): number | null => (trail.length || cursor ? trail.length + 1 : null);
