// Turns results and errors into responses. Unknown errors are logged with the request id and
// answered as a bare 500: no stack, no message from inside.
import { AppError } from "../core/app-error";
import { logger } from "../log/logger";

const NO_STORE = { "cache-control": "no-store" };

/** A handler's answer that the browser saves as a file (replay packages, evidence) instead of showing. */
export class JsonDownload {
  constructor(readonly data: unknown, readonly filename: string) {}
}

/** A handler's answer that is a CSV file (the table behind a chart), saved under its name. */
export class CsvDownload {
  constructor(readonly text: string, readonly filename: string) {}
}

const attachment = (filename: string) => `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`;

export function jsonResponse(data: unknown, status = 200, requestId?: string): Response {
  if (data instanceof CsvDownload) {
    return new Response(data.text, {
      status,
      headers: { "content-type": "text/csv; charset=utf-8", ...NO_STORE, ...(requestId ? { "x-request-id": requestId } : {}), "content-disposition": attachment(data.filename) },
    });
  }
  const download = data instanceof JsonDownload ? data : null;
  return new Response(status === 204 ? null : JSON.stringify(download ? download.data : data, null, download ? 2 : undefined), {
    status,
    headers: {
      "content-type": "application/json", ...NO_STORE, ...(requestId ? { "x-request-id": requestId } : {}),
      ...(download ? { "content-disposition": attachment(download.filename) } : {}),
    },
  });
}

// Two requests creating the same thing at once: the loser's insert hits a unique index.
const isUniqueViolation = (err: unknown) => (err as { code?: unknown } | null)?.code === "P2002";

// The browser went away (navigation, a cancelled fetch): nobody reads the answer and nothing failed.
const isClientAbort = (err: unknown) => {
  const e = err as { name?: unknown; message?: unknown; code?: unknown } | null;
  return e?.name === "AbortError" || e?.message === "aborted" || e?.code === "ECONNRESET";
};

export function errorResponse(err: unknown, requestId: string): Response {
  if (isUniqueViolation(err)) err = new AppError("conflict", "it already exists (created by another request just now)");
  if (err instanceof AppError) {
    return jsonResponse({ error: { code: err.code, message: err.message, details: err.details ?? {} } }, err.status, requestId);
  }
  if (isClientAbort(err)) {
    logger.info("request aborted by the client", { requestId });
    return jsonResponse({ error: { code: "bad_request", message: "the request was aborted", details: {} } }, 400, requestId);
  }
  logger.error("unhandled error", { requestId, error: (err as Error)?.message ?? String(err) });
  return jsonResponse(
    { error: { code: "internal", message: `Something went wrong on our side. Quote request id ${requestId} when reporting it.`, details: { requestId } } },
    500,
    requestId,
  );
}
