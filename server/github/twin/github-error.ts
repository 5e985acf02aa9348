// GitHub's error answers: `{ message, documentation_url, status }` (status as a string, as the
// REST API sends it now), with `errors` for validation failures.
export const DOCS_URL = "https://docs.github.com/rest";

export class GithubError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "GithubError";
  }

  body(): Record<string, unknown> {
    return { message: this.message, ...this.extra, documentation_url: (this.extra.documentation_url as string | undefined) ?? DOCS_URL, status: String(this.status) };
  }
}

export const notFound = () => new GithubError(404, "Not Found");
export const badCredentials = () => new GithubError(401, "Bad credentials");
export const notAccessible = () => new GithubError(403, "Resource not accessible by integration");
export const validationFailed = (errors: Record<string, unknown>[]) => new GithubError(422, "Validation Failed", { errors });
