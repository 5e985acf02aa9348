// A list's view and filters as they live in the URL. Each key parses its raw value ("" when absent)
// and falls back to its default when it is not a value it accepts, so a stale or hand-edited link
// shows a sane view and nothing malformed reaches the API. The URL keeps only what differs from the
// defaults. Pure: the server render and the browser parse the same way, so both ask for the same page.

export type FieldParser<V extends string = string> = (raw: string) => V;
type Fields = Record<string, FieldParser>;
export type FilterOf<S extends Fields> = { [K in keyof S]: ReturnType<S[K]> };

export type UrlFilter<F extends Record<string, string>, C = void> = {
  /** The filter of an empty URL. */
  defaults: F;
  parse: (params: URLSearchParams, context: C) => F;
  /** The URL's query as keys and values; defaults and empty values are left out (undefined). */
  query: (f: F) => Record<string, string | undefined>;
  /** The same as a query string, without "?" ("" for the defaults). */
  search: (f: F) => string;
  same: (a: F, b: F) => boolean;
};

/**
 * `refine` applies rules across keys or against what only the caller knows (the viewer's rights,
 * options loaded from the server): it sees every key already parsed and returns the filter to use.
 */
export function defineUrlFilter<S extends Fields, C = void>(fields: S, refine?: (f: FilterOf<S>, context: C) => FilterOf<S>): UrlFilter<FilterOf<S>, C> {
  type F = FilterOf<S>;
  const keys = Object.keys(fields) as (keyof S & string)[];
  const each = (raw: (k: string) => string) => Object.fromEntries(keys.map((k) => [k, fields[k]!(raw(k))])) as F;
  const defaults = each(() => "");
  const query = (f: F) => Object.fromEntries(keys.map((k) => [k, f[k] && f[k] !== defaults[k] ? f[k] : undefined]));
  const search = (f: F) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query(f))) if (v) qs.set(k, v);
    return qs.toString();
  };
  return {
    defaults,
    parse: (params, context) => {
      const f = each((k) => params.get(k) ?? "");
      return refine ? refine(f, context) : f;
    },
    query,
    search,
    same: (a, b) => search(a) === search(b),
  };
}

/** One of `values`, else `fallback` ("" unless given). */
export function oneOf<const T extends string, D extends T | "" = "">(values: readonly T[], fallback?: D): FieldParser<T | D> {
  return (raw) => ((values as readonly string[]).includes(raw) ? (raw as T) : ((fallback ?? "") as D));
}

/** The value if the whole of it matches, else "". */
export const matching = (pattern: RegExp): FieldParser => (raw) => (pattern.test(raw) ? raw : "");

/** Free text, trimmed and cut to `max` characters (the API decides whether it is valid). */
export const text = (max = 200): FieldParser => (raw) => raw.trim().slice(0, max);

/** An id or an opaque page cursor as the API hands them out. */
export const token = matching(/^[A-Za-z0-9_-]{1,64}$/);

/** A calendar day, YYYY-MM-DD, that exists. */
export const day: FieldParser = (raw) => (/^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(`${raw}T00:00:00Z`)) ? raw : "");
