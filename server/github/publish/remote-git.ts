// git against the code host, run by the worker outside any sandbox: host-git's hardening, plus the
// one transport the remote needs (https; http only to a loopback host, the twin) and the step's
// token given through a credential helper that reads it from the git process's own environment,
// so it is never in a URL, an argument list, a config file, a log line or the workspace.
import { AppError } from "../../core/app-error";
import { hostGit, type HostGitResult } from "../../sandbox/host-git";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

const CREDENTIAL_HELPER = "!f() { test \"$1\" = get && printf 'username=x-access-token\\npassword=%s\\n' \"$FLEETGATE_GIT_TOKEN\"; }; f";

/** The transports a remote URL may use: https anywhere, http only on loopback. */
export function transportFor(remote: string): "https" | "http" {
  let url: URL;
  try {
    url = new URL(remote);
  } catch {
    throw new AppError("validation_failed", `remote ${remote} is not a URL`);
  }
  if (url.username || url.password) throw new AppError("validation_failed", "a remote URL must not carry credentials");
  if (url.protocol === "https:") return "https";
  if (url.protocol === "http:" && LOOPBACK.has(url.hostname)) return "http";
  throw new AppError("validation_failed", `remote ${url.origin} must be https (http only on loopback)`);
}

export function remoteGit(args: string[], opts: { cwd: string; remote: string; token: string; timeoutMs?: number }): Promise<HostGitResult> {
  const transport = transportFor(opts.remote);
  return hostGit(
    ["-c", `protocol.${transport}.allow=always`, "-c", "credential.helper=", "-c", `credential.helper=${CREDENTIAL_HELPER}`, "-c", "http.followRedirects=false", ...args],
    { cwd: opts.cwd, env: { FLEETGATE_GIT_TOKEN: opts.token }, timeoutMs: opts.timeoutMs ?? 300_000 },
  );
}
