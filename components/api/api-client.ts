import { ApiError } from "./api-error";

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** Calls the console's own REST API with the session cookie; throws ApiError on a non-2xx answer. */
export async function api<T>(path: string, opts: { method?: Method; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const res = await fetch(path, {
    method: opts.method ?? "GET",
    headers: opts.body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    credentials: "same-origin",
    cache: "no-store",
    signal: opts.signal,
  });
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; details?: { issues?: { path: string; message: string }[] } & Record<string, unknown> } } | null)?.error;
    throw new ApiError(
      res.status,
      e?.code ?? "http_" + res.status,
      e?.message ?? `The server answered ${res.status}.`,
      e?.details?.issues ?? [],
      res.headers.get("x-request-id") ?? undefined,
      e?.details ?? {},
    );
  }
  return data as T;
}

/** /api/v1/tenants/{tenant}/{rest}, with an optional query (empty values dropped). */
export function tenantPath(tenant: string, rest: string, query?: Record<string, string | number | undefined | null>): string {
  const base = `/api/v1/tenants/${encodeURIComponent(tenant)}/${rest}`;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== "") qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${base}?${s}` : base;
}
