// Reading and validating request input. Every failure is an AppError that names the field path
// (body.roles.0, query.limit, ...) so a client can tell exactly what to fix.
import type { z } from "zod";
import { AppError, type FieldIssue } from "../core/app-error";

export const MAX_BODY_BYTES = 64 * 1024;

export function issuesOf(error: z.ZodError, prefix: string): FieldIssue[] {
  return error.issues.flatMap((i) => {
    const base = [prefix, ...i.path.map(String)];
    if (i.code === "unrecognized_keys") {
      return i.keys.map((k) => ({ path: [...base, k].join("."), message: "is not a known field" }));
    }
    return [{ path: base.join("."), message: i.message }];
  });
}

/** Paths of strings holding a NUL character, which PostgreSQL text cannot store. */
function nulPaths(value: unknown, path: string, out: string[] = []): string[] {
  if (typeof value === "string") {
    if (value.includes("\u0000")) out.push(path);
  } else if (Array.isArray(value)) value.forEach((v, i) => nulPaths(v, `${path}.${i}`, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) nulPaths(v, `${path}.${k}`, out);
  return out;
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown, prefix: string): z.infer<T> {
  const nul = nulPaths(value, prefix);
  if (nul.length) {
    const issues = nul.map((path) => ({ path, message: "must not contain a NUL character" }));
    throw new AppError("validation_failed", `invalid ${prefix}: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, { issues });
  }
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = issuesOf(r.error, prefix);
  throw new AppError("validation_failed", `invalid ${prefix}: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, { issues });
}

/** Reads the JSON body with a size cap, without trusting Content-Length. */
export async function readJsonBody(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "the request body must be JSON (Content-Type: application/json)");
  }
  const text = await readBodyText(req, MAX_BODY_BYTES);
  if (!text.trim()) throw new AppError("bad_request", "the request body is empty; send a JSON object");
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError("bad_request", `the request body is not valid JSON: ${(e as Error).message}`);
  }
}

/** The body as text, read up to `maxBytes` (a 413 beyond), without trusting Content-Length; "" when there is none. */
export async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const reader = req.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const tooLarge = (maxBytes: number) =>
  new AppError("payload_too_large", `the request body is larger than ${maxBytes >= 1024 * 1024 ? `${maxBytes / (1024 * 1024)} MiB` : `${maxBytes / 1024} KiB`}`);

/** Query string to a plain object; a repeated key becomes an array. */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}
