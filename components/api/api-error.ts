export type FieldIssue = { path: string; message: string };

/** An /api/v1 error answer: { error: { code, message, details: { issues? } } }. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly requestId?: string,
    /** The whole details object, for screens that read more than issues (e.g. the policy editor's problems). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** A sentence for a person, whatever was thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 401) return "Your session has ended. Sign in again to continue.";
    if (err.status === 403) return `You are not allowed to do this (${err.message}).`;
    return err.message;
  }
  if (err instanceof TypeError) return "Could not reach Fleetgate. Check your connection and try again.";
  return "Something went wrong. Try again.";
}

/**
 * Splits an error into messages for the form's own fields (body.email -> email, body.roles.0 -> roles)
 * and one banner for everything else.
 */
export function formErrors<F extends string>(err: unknown, fields: readonly F[]): { fields: Partial<Record<F, string>>; banner: string | null } {
  const out: Partial<Record<F, string>> = {};
  const rest: string[] = [];
  const issues = err instanceof ApiError ? err.issues : [];
  for (const issue of issues) {
    const key = issue.path.replace(/^(body|query)\./, "").split(".")[0] as F;
    if (fields.includes(key)) out[key] ??= issue.message;
    else rest.push(`${issue.path}: ${issue.message}`);
  }
  const mapped = Object.keys(out).length > 0;
  const banner = rest.length ? rest.join("; ") : mapped ? null : errorMessage(err);
  return { fields: out, banner };
}
