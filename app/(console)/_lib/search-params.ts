export type SearchParams = Record<string, string | string[] | undefined>;

/** Next's searchParams object as URLSearchParams (the first value of a repeated key wins). */
export function toSearchParams(sp: SearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined) out.set(k, value);
  }
  return out;
}
