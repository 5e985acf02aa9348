import { describe, expect, it } from "vitest";
import { redact, redactString, redactText } from "./redact";

// Realistic shapes, assembled at run time so this file itself holds no scannable credential.
const AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY";
const AZURE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
const SLACK = ["xoxb", "123456789012", "1234567890123", "AbCdEfGhIjKlMnOpQrStUvWx"].join("-");
const STRIPE = "sk_" + "live_" + "4eC39HqLyjWDarjtT1zdp7dc";
const JWT = ["eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFkYSJ9", "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"].join(".");
const PEM_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n";

// [kind, text with the secret, what must be gone, expected result (or undefined to only check)]
const POSITIVES: [string, string, string, string?][] = [
  ["aws_key", "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE", "export AWS_ACCESS_KEY_ID=[REDACTED:aws_key]"],
  ["aws_secret_key", `aws_secret_access_key = ${AWS_SECRET}`, AWS_SECRET, "aws_secret_access_key = [REDACTED:aws_secret_key]"],
  ["aws_secret_key", `export AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`, AWS_SECRET, "export AWS_SECRET_ACCESS_KEY=[REDACTED:aws_secret_key]"],
  ["aws_secret_key", `{"SecretAccessKey": "${AWS_SECRET}"}`, AWS_SECRET, `{"SecretAccessKey": "[REDACTED:aws_secret_key]"}`],
  ["gcp_private_key", `{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n${PEM_BODY.replace(/\n/g, "\\n")}-----END PRIVATE KEY-----\\n", "client_email": "x"}`, "MIIEvQIBADAN",
    `{"type": "service_account", "private_key": "[REDACTED:gcp_private_key]", "client_email": "x"}`],
  ["azure_key", `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${AZURE_KEY};EndpointSuffix=core.windows.net`, AZURE_KEY,
    "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=[REDACTED:azure_key];EndpointSuffix=core.windows.net"],
  ["azure_key", `Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=${AZURE_KEY.slice(0, 44)}`, AZURE_KEY.slice(0, 44)],
  ["github_token", "token ghp_" + "Ab1".repeat(12), "ghp_" + "Ab1".repeat(12), "token [REDACTED:github_token]"],
  ["github_token", "gho_" + "x9".repeat(18), "gho_"],
  ["github_token", "GH_TOKEN=ghs_" + "Z8".repeat(18), "ghs_"],
  ["github_token", "ghu_" + "k3".repeat(18), "ghu_"],
  ["github_token", "ghr_" + "q7".repeat(18), "ghr_"],
  ["github_token", "github_pat_11ABCDEFG0" + "abcdefghij_".repeat(7), "github_pat_"],
  ["slack_token", `SLACK_BOT_TOKEN=${SLACK}`, SLACK, "SLACK_BOT_TOKEN=[REDACTED:slack_token]"],
  ["slack_token", "xoxp-2222-3333-4444-abcdef012345", "xoxp-"],
  ["stripe_key", `Stripe.api_key = '${STRIPE}'`, STRIPE, "Stripe.api_key = '[REDACTED:stripe_key]'"],
  ["bearer_token", "curl -H 'Authorization: Bearer 9f8e7d6c5b4a39281706abcd' https://api.example.com", "9f8e7d6c5b4a39281706abcd",
    "curl -H 'Authorization: Bearer [REDACTED:bearer_token]' https://api.example.com"],
  ["basic_auth", "Authorization: Basic YWRhOmh1bnRlcjI=", "YWRhOmh1bnRlcjI=", "Authorization: Basic [REDACTED:basic_auth]"],
  ["private_key", `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----`, "b3BlbnNzaC1rZXkt", "[REDACTED:private_key]"],
  ["private_key", `-----BEGIN EC PRIVATE KEY-----\n${PEM_BODY}-----END EC PRIVATE KEY-----`, "MIIEvQIBADAN", "[REDACTED:private_key]"],
  ["private_key", `$ head -3 id_rsa\n-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}`, "MzEfYyjiWA4R4", "$ head -3 id_rsa\n[REDACTED:private_key]"],
  ["jwt", `{"id_token":"x","note":"${JWT}"}`, JWT, `{"id_token":"x","note":"[REDACTED:jwt]"}`],
  ["password_assignment", "DB_PASSWORD=Tr0ub4dor&3", "Tr0ub4dor", "[REDACTED:password_assignment]"],
  ["password_assignment", `{"user": "ada", "password": "correct horse"}`, "correct horse", `{"user": "ada", [REDACTED:password_assignment]}`],
  ["password_assignment", "database:\n  PASSWORD: s3cret-value\n  host: db", "s3cret-value", "database:\n  [REDACTED:password_assignment]\n  host: db"],
  ["password_assignment", "client_secret: 5f2b9c", "5f2b9c", "[REDACTED:password_assignment]"],
  ["password_assignment", "SMTP_PASS=mailpass1", "mailpass1", "[REDACTED:password_assignment]"],
  ["database_url", "DATABASE_URL=postgres://app:pa55word@db.example.com:5432/ledger", "pa55word",
    "DATABASE_URL=postgres://[REDACTED:database_url]@db.example.com:5432/ledger"],
  ["database_url", "mongodb+srv://svc:Zx9!q@cluster0.example.net/app", "Zx9!q", "mongodb+srv://[REDACTED:database_url]@cluster0.example.net/app"],
  ["database_url", "redis://:hunter22@cache.example.com:6379", "hunter22", "redis://[REDACTED:database_url]@cache.example.com:6379"],
  ["url_credentials", "https://deploy:s3cr3tpw@registry.example.com/v2/", "s3cr3tpw", "https://[REDACTED:url_credentials]@registry.example.com/v2/"],
];

describe("credential kinds", () => {
  it.each(POSITIVES)("%s: %s", (kind, text, gone, expected) => {
    const { text: out, counts } = redactText(text);
    expect(out).not.toContain(gone);
    expect(counts).toEqual({ [kind]: 1 });
    if (expected !== undefined) expect(out).toBe(expected);
  });

  it.each([
    "Reset your password from the account page.",
    "password:\n  minLength: 12",
    "the password field is required",
    "PWD=/work/main\nOLDPWD=/work",
    "--password-stdin < token.txt",
    "passwordless: true",
    "Bearer authentication is described in RFC 6750",
    "version 10.0.0-beta.1 of left-pad, commit 3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39",
    "AKIA1234 and sk_test_4eC39HqLyjWDarjtT1zdp7dc and pk_live_abcdef0123456789",
    "xoxo-hugs and ghp_short and github_pat_tooshort",
    "postgres://db.example.com:5432/ledger and postgresql://app@localhost/ledger",
    "https://example.com:8443/path?q=1 and ftp://mirror.example.org/pub",
    "eyJhbGciOiJIUzI1NiJ9 alone is only a header",
    "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----",
  ])("leaves alone: %s", (text) => {
    expect(redactText(text)).toEqual({ text, counts: {} });
  });

  it("keeps e-mail addresses and private URLs in the default profile (audit trails name people)", () => {
    const text = "member.add ada@example.com via http://10.0.0.5:8080/hook";
    expect(redactText(text)).toEqual({ text, counts: {} });
  });

  it("counts nothing twice when shapes overlap", () => {
    const text = "git clone https://x-access-token:ghp_" + "a".repeat(36) + "@github.com/acme/ledger.git; AWS_SECRET_ACCESS_KEY=" + AWS_SECRET;
    const { text: out, counts } = redactText(text);
    expect(out).toBe("git clone https://x-access-token:[REDACTED:github_token]@github.com/acme/ledger.git; AWS_SECRET_ACCESS_KEY=[REDACTED:aws_secret_key]");
    expect(counts).toEqual({ github_token: 1, aws_secret_key: 1 });
    expect(redactText(`Authorization: Bearer ${JWT}`).text).toBe("Authorization: Bearer [REDACTED:jwt]");
  });
});

describe("model profile", () => {
  const model = { profile: "model" } as const;

  it.each([
    ["email", "Signed-off-by: Ada Lovelace <ada.lovelace+ci@example.co.uk>", "Signed-off-by: Ada Lovelace <[REDACTED:email]>"],
    ["private_url", "fetch http://localhost:3000/api/health failed", "fetch [REDACTED:private_url] failed"],
    ["private_url", "see https://wiki.corp/pages/42.", "see [REDACTED:private_url]."],
    ["private_url", "GET http://192.168.1.20/admin?x=1", "GET [REDACTED:private_url]"],
    ["private_url", "proxy http://172.20.0.3:8080", "proxy [REDACTED:private_url]"],
    ["private_url", "metadata at http://169.254.169.254/latest/meta-data/", "metadata at [REDACTED:private_url]"],
    ["private_url", "http://[::1]:9000/ and", "[REDACTED:private_url] and"],
    ["private_url", "(http://[fd12:3456::1]/x)", "([REDACTED:private_url])"],
    ["private_url", "https://grafana.monitoring.internal/d/abc", "[REDACTED:private_url]"],
    ["private_url", "http://printer.lan", "[REDACTED:private_url]"],
    ["private_url", "http://build01.intranet:8080/job", "[REDACTED:private_url]"],
    ["private_url", "http://nas.local/share", "[REDACTED:private_url]"],
  ])("%s: %s", (kind, text, expected) => {
    expect(redactText(text, model)).toEqual({ text: expected, counts: { [kind]: 1 } });
  });

  it.each([
    "https://example.com/docs and http://github.com/acme",
    "http://localhost.example.com/ and https://10.0.0.1.nip.io.example.org/",
    "http://172.32.0.1/ and https://192.169.1.1 and https://8.8.8.8/",
    "git@github.com:acme/ledger.git",
    "npm i left-pad@1.3.0 @scope/pkg@2.0.1",
    "release 10.0.0.1 of the firmware; 127.0.0.1 without a scheme",
    "user at example dot com",
  ])("leaves alone: %s", (text) => {
    expect(redactText(text, model)).toEqual({ text, counts: {} });
  });

  it("applies the credential kinds too, and reaches into structures", () => {
    const counts = {};
    expect(redact({ log: ["mail ada@example.com", "DB_PASSWORD=x1"] }, counts, model)).toEqual({
      log: ["mail [REDACTED:email]", "[REDACTED:password_assignment]"],
    });
    expect(counts).toEqual({ email: 1, password_assignment: 1 });
  });
});

describe("speed", () => {
  // A sanity bound only; timing never decides a test (the real figure is in the bench).
  it.each([
    ["build log", () => "npm notice ok 12 files in src/components/button.tsx (3.2 kB) ada@example.com http://example.com/x\n".repeat(12_000)],
    ["one long word", () => "a".repeat(1 << 20)],
    ["dashed run", () => "a-".repeat(1 << 19)],
    ["dotted run", () => "a.".repeat(1 << 19)],
    ["at signs", () => "a@".repeat(1 << 19)],
    ["base64", () => Buffer.alloc(786_432, 7).toString("base64")],
    ["unterminated key headers", () => "-----BEGIN RSA PRIVATE KEY-----x.".repeat(32_768)],
    ["scheme-like words", () => "x://a:b".repeat(150_000)],
    ["minified code", () => "var a=b.c(d,e);password=".repeat(43_690)],
  // A pattern that backtracks super-linearly takes minutes on 1 MiB; linear ones take milliseconds,
  // so a generous limit tells them apart even on a busy machine.
  ])("redacts 1 MiB of %s in linear time (well under 15 s)", (_name, make) => {
    const text = make();
    const started = performance.now();
    redactString(text, {}, { profile: "model" });
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
