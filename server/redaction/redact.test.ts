import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { redact, redactString, type RedactionCounts } from "./redact";

describe("redact", () => {
  it("blanks the values of keys that name a secret, at any depth", () => {
    const counts: RedactionCounts = {};
    const out = redact({
      user: "ada",
      password: "hunter2",
      nested: { apiKey: "k1", api_key: "k2", Authorization: "Bearer x", private_key: "p", items: [{ clientSecret: "s" }] },
    }, counts);
    expect(out).toEqual({
      user: "ada",
      password: "[REDACTED]",
      nested: { apiKey: "[REDACTED]", api_key: "[REDACTED]", Authorization: "[REDACTED]", private_key: "[REDACTED]", items: [{ clientSecret: "[REDACTED]" }] },
    });
    expect(counts).toEqual({ secret_field: 6 });
  });

  it("keeps flags and empty values under secret-looking keys, which reveal nothing", () => {
    const counts: RedactionCounts = {};
    expect(redact({ tokenRevoked: true, password: null, secret: undefined }, counts)).toEqual({ tokenRevoked: true, password: null, secret: undefined });
    expect(counts).toEqual({});
  });

  it("keeps what names kinds of secrets without being one: redaction counts by kind, and model token counts", () => {
    const counts: RedactionCounts = {};
    const event = {
      tool: "read_file",
      redactions: { private_key: 1, aws_secret_key: 2, github_token: 1, password_assignment: 3, secret_field: 1, email: 1 },
      verifier: { name: "unit", redactions: { gcp_private_key: 1 } },
      usage: { inputTokens: 160, outputTokens: 50, max_tokens: 4096, tokenBudget: 5000, cachedTokens: 12, maxOutputTokens: 2048 },
    };
    expect(redact(event, counts)).toEqual(event);
    expect(counts).toEqual({});
  });

  it("still blanks real secrets under those names: a value that is not a count, or a tally mixed with other keys", () => {
    const counts: RedactionCounts = {};
    expect(redact({
      redactions: { private_key: "-----BEGIN PRIVATE KEY-----" },
      config: { github_token: 1234, user: "ada" },
      nested: { private_key: { value: "p" } },
      negative: { aws_key: -1 },
      usage: { inputTokens: "sk-live-123", tokenBudget: { key: "x" }, accessToken: 42 },
    }, counts)).toEqual({
      redactions: { private_key: "[REDACTED]" },
      config: { github_token: "[REDACTED]", user: "ada" },
      nested: { private_key: "[REDACTED]" },
      negative: { aws_key: -1 },
      usage: { inputTokens: "[REDACTED]", tokenBudget: "[REDACTED]", accessToken: "[REDACTED]" },
    });
    expect(counts).toEqual({ secret_field: 6 });
  });

  it("blanks non-string secrets too", () => {
    expect(redact({ token: 123456, credentials: { user: "a", pass: "b" } })).toEqual({ token: "[REDACTED]", credentials: "[REDACTED]" });
  });

  it.each([
    ["github_token", "ghp_" + "A1b2".repeat(9)],
    ["github_token", "github_pat_" + "x".repeat(40)],
    ["aws_key", "AKIA" + "ABCDEFGHIJKLMNOP"],
    ["fleetgate_token", "fg_" + "Qk-9_zT3xY".repeat(4) + "abc"],
    ["jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlLXZhbHVl"],
    ["private_key", "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----"],
    ["password_assignment", "password=hunter2"],
  ])("replaces a %s inside free text", (kind, secret) => {
    const counts: RedactionCounts = {};
    const out = redactString(`before ${secret} after`, counts);
    expect(out).toBe(`before [REDACTED:${kind}] after`);
    expect(out).not.toContain(secret);
    expect(counts).toEqual({ [kind]: 1 });
  });

  it("removes whole API tokens of the shape Fleetgate issues (fg_ + 32 random bytes, base64url)", () => {
    for (let i = 0; i < 500; i++) {
      const token = "fg_" + randomBytes(32).toString("base64url");
      expect(redactString(`Authorization: Bearer ${token}.`, {})).toBe("Authorization: Bearer [REDACTED:fleetgate_token].");
    }
  });

  it("counts every occurrence and leaves ordinary text alone", () => {
    const counts: RedactionCounts = {};
    const text = "ran `npm test` in ghp_" + "a".repeat(36) + " and AKIAABCDEFGHIJKLMNOP then ghp_" + "b".repeat(36);
    expect(redactString(text, counts)).toBe("ran `npm test` in [REDACTED:github_token] and [REDACTED:aws_key] then [REDACTED:github_token]");
    expect(counts).toEqual({ github_token: 2, aws_key: 1 });
    expect(redactString("fg_short, eyJ.not.jwt, AKIA123", {})).toBe("fg_short, eyJ.not.jwt, AKIA123");
  });

  it("redacts strings inside arrays and leaves the input untouched", () => {
    const input = { log: ["ok", "secret: s3cr3t"], at: new Date(0), n: 3 };
    const out = redact(input);
    expect(out).toEqual({ log: ["ok", "[REDACTED:password_assignment]"], at: new Date(0), n: 3 });
    expect(input.log[1]).toBe("secret: s3cr3t");
  });
});
