import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

function errorOf(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (e) {
    expect(e).toBeInstanceOf(EnvError);
    return (e as Error).message;
  }
  throw new Error("parseEnv accepted the environment");
}

const OIDC = { OIDC_ISSUER: "https://id.example.com", OIDC_CLIENT_ID: "fleetgate", OIDC_CLIENT_SECRET: "s" };

describe("parseEnv", () => {
  it("fills in local defaults for an empty environment", () => {
    expect(parseEnv({})).toMatchObject({
      NODE_ENV: "development",
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/fleetgate",
      REDIS_URL: "redis://127.0.0.1:6379",
      PORT: 3000,
      AUTH_LOCAL_ENABLED: true,
      OIDC_NAME: "Single sign-on",
      SIGNIN_MAX_FAILURES_PER_ACCOUNT: 5,
      LOG_LEVEL: "info",
    });
  });

  it("treats empty strings as unset and coerces numbers and flags", () => {
    const env = parseEnv({ DATABASE_URL: "", PORT: "8080", AUTH_LOCAL_ENABLED: "1", SIGNIN_WINDOW_MINUTES: "30" });
    expect(env).toMatchObject({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/fleetgate", PORT: 8080, AUTH_LOCAL_ENABLED: true, SIGNIN_WINDOW_MINUTES: 30 });
  });

  it.each(["not a url", "mysql://root@localhost/app"])("names DATABASE_URL when it is %j", (value) => {
    const message = errorOf({ DATABASE_URL: value });
    expect(message).toMatch(/^invalid configuration: DATABASE_URL /);
    expect(message).not.toContain("\n");
  });

  it("names every bad variable at once", () => {
    const message = errorOf({ PORT: "http", REDIS_URL: "postgresql://x", LOG_LEVEL: "loud", AUTH_LOCAL_ENABLED: "yes" });
    for (const name of ["PORT", "REDIS_URL", "LOG_LEVEL", "AUTH_LOCAL_ENABLED"]) expect(message).toContain(name);
  });

  it("names the missing OIDC settings when only some are set", () => {
    const message = errorOf({ OIDC_ISSUER: OIDC.OIDC_ISSUER });
    expect(message).toContain("OIDC_CLIENT_ID is required when any OIDC_* setting is set");
    expect(message).toContain("OIDC_CLIENT_SECRET is required");
    expect(message).not.toContain("OIDC_ISSUER is required");
  });

  it("names the missing GitHub App settings when only some are set, and takes all three", () => {
    const message = errorOf({ GITHUB_APP_ID: "12", GITHUB_WEBHOOK_SECRET: "short" });
    expect(message).toContain("GITHUB_APP_PRIVATE_KEY_FILE is required when any GITHUB_APP_* setting is set");
    expect(message).toContain("GITHUB_WEBHOOK_SECRET must be at least 16 characters");
    expect(errorOf({ GITHUB_APP_ID: "twelve" })).toContain("GITHUB_APP_ID must be the App's numeric id");
    const github = { GITHUB_APP_ID: "12", GITHUB_APP_PRIVATE_KEY_FILE: "/keys/app.pem", GITHUB_WEBHOOK_SECRET: "0123456789abcdef", GITHUB_API_URL: "http://127.0.0.1:3010" };
    expect(parseEnv(github)).toMatchObject({ ...github, GITHUB_APP_ID: 12 });
    expect(parseEnv({}).GITHUB_API_URL).toBe("https://api.github.com");
  });

  it("accepts OIDC when all three settings are present", () => {
    expect(parseEnv(OIDC)).toMatchObject(OIDC);
  });

  it("refuses to disable local sign-in unless single sign-on is configured", () => {
    expect(errorOf({ AUTH_LOCAL_ENABLED: "false" })).toMatch(/AUTH_LOCAL_ENABLED is false but no OIDC_ISSUER is set/);
    expect(parseEnv({ AUTH_LOCAL_ENABLED: "false", ...OIDC }).AUTH_LOCAL_ENABLED).toBe(false);
  });

  it("rejects a session secret shorter than 32 characters", () => {
    expect(errorOf({ NEXTAUTH_SECRET: "short" })).toContain("NEXTAUTH_SECRET must be at least 32 characters");
  });
});
