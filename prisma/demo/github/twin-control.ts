// The GitHub twin's own endpoints (/_twin/*, loopback only, never GitHub's API) as the seed uses
// them: setting up installations and repositories, and acting as a person on a pull request. Every
// call is idempotent on the twin's side (an installation or repository that exists is answered as it is).
import type { HumanAction } from "../../../server/github/twin/human-actions";

export type TwinInstallationRecord = { id: number; account: { login: string; type: string } };
export type TwinRepositoryRecord = { id: number; owner: string; name: string; defaultBranch: string };

export type TwinControl = {
  url: string;
  installation(login: string): Promise<TwinInstallationRecord>;
  repository(owner: string, name: string): Promise<TwinRepositoryRecord>;
  human(action: HumanAction): Promise<Record<string, unknown>>;
  cloneUrl(owner: string, name: string): string;
};

export function twinControl(url: string): TwinControl {
  const base = url.replace(/\/+$/, "");
  const post = async <T>(route: string, body: unknown): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(`${base}${route}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
    } catch (e) {
      throw new Error(`no GitHub twin answers at ${base} (${(e as Error).message}); start one with npx tsx workers/github-twin.ts, or unset GITHUB_TWIN_URL`);
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`the GitHub twin at ${base} refused POST ${route} (${res.status}): ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  };
  return {
    url: base,
    installation: (login) => post("/_twin/installations", { login, type: "Organization", repositorySelection: "all" }),
    // No files: the seed pushes the demo project's fixed commit itself, so main's SHA is the same everywhere.
    repository: (owner, name) => post("/_twin/repositories", { owner, name }),
    human: (action) => post("/_twin/human", action),
    cloneUrl: (owner, name) => `${base}/${owner}/${name}.git`,
  };
}
