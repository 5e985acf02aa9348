// The worker's start check of the GitHub App settings, against the twin (the App's real JWT and GET /app).
import { generateKeyPairSync } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { overrideEnv } from "../env";
import { checkGithubApp } from "./check-github-app";
import { APP_ID, startTwinFixture, type TwinFixture } from "./twin/testing/twin-fixture";

let f: TwinFixture;
let keyFile: string;
const SECRET = "0123456789abcdef-github";
const configure = (values: { id?: number; key?: string; url?: string }) =>
  overrideEnv({ GITHUB_APP_ID: String(values.id ?? APP_ID), GITHUB_APP_PRIVATE_KEY_FILE: values.key ?? keyFile, GITHUB_WEBHOOK_SECRET: SECRET, GITHUB_API_URL: values.url ?? f.twin.url });

beforeAll(async () => {
  f = await startTwinFixture();
  keyFile = path.join(f.dataDir, "app-key-copy.pem");
  writeFileSync(keyFile, f.privateKey);
});

afterEach(() => {
  expect(f.takeProblems()).toEqual([]);
});

afterAll(async () => {
  overrideEnv({ GITHUB_APP_ID: "", GITHUB_APP_PRIVATE_KEY_FILE: "", GITHUB_WEBHOOK_SECRET: "", GITHUB_API_URL: "" });
  await f.cleanup();
});

describe("checkGithubApp", () => {
  it("says nothing when no App is configured", async () => {
    overrideEnv({ GITHUB_APP_ID: "", GITHUB_APP_PRIVATE_KEY_FILE: "", GITHUB_WEBHOOK_SECRET: "" });
    expect(await checkGithubApp()).toBeNull();
  });

  it("accepts the App whose key signs its token", async () => {
    configure({});
    expect(await checkGithubApp()).toBeNull();
  });

  it("names GITHUB_APP_ID when the key belongs to another App", async () => {
    configure({ id: APP_ID + 1 });
    expect(await checkGithubApp()).toEqual({ fatal: true, message: expect.stringMatching(/^GITHUB_APP_ID: .* refused App 4243's token \(401\)/) });
  });

  it("names GITHUB_APP_PRIVATE_KEY_FILE for a missing file, a file that is not a key, and a key GitHub cannot use", async () => {
    configure({ key: path.join(f.dataDir, "nope.pem") });
    expect((await checkGithubApp())?.message).toMatch(/^GITHUB_APP_PRIVATE_KEY_FILE: cannot read .*nope\.pem \(ENOENT\)$/);
    const garbage = path.join(f.dataDir, "garbage.pem");
    writeFileSync(garbage, "-----BEGIN RSA PRIVATE KEY-----\nnot a key\n-----END RSA PRIVATE KEY-----\n");
    configure({ key: garbage });
    expect(await checkGithubApp()).toEqual({ fatal: true, message: `GITHUB_APP_PRIVATE_KEY_FILE: ${garbage} does not hold a PEM private key` });
    const ec = path.join(f.dataDir, "ec.pem");
    writeFileSync(ec, generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }));
    configure({ key: ec });
    expect((await checkGithubApp())?.message).toBe(`GITHUB_APP_PRIVATE_KEY_FILE: ${ec} is not an RSA private key (GitHub Apps sign with RS256)`);
  });

  it("does not stop the worker when the API cannot be reached now", async () => {
    configure({ url: "http://127.0.0.1:9" });
    expect(await checkGithubApp()).toEqual({ fatal: false, message: expect.stringMatching(/^GITHUB_API_URL: cannot ask http:\/\/127\.0\.0\.1:9 about the App now/) });
  });
});
