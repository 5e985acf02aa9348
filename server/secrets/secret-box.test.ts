import { describe, expect, it } from "vitest";
import { deriveKey, openSecret, sealSecret, SecretBoxError } from "./secret-box";

const MASTER = "a-server-secret-of-at-least-32-characters!";

describe("the secret box's purposes", () => {
  it("still opens a webhook secret sealed before the box was shared (same key, same additional data)", () => {
    // Sealed by the webhook-only box this module replaced, under MASTER, for tenant-a.
    const stored = "v1.g3FB0DPQjUhiozQi.bhfVg3VPXD5d5mv-ZkGgeg.vgQG8RIy9DiV5RvXgGY6KLsA5w";
    expect(openSecret(stored, "webhook", "tenant-a", deriveKey(MASTER, "webhook"))).toBe("whsec_compat-vector");
  });

  it("derives one key per purpose, and a secret sealed for one purpose does not open as another", () => {
    const modelKey = deriveKey(MASTER, "model");
    const webhookKey = deriveKey(MASTER, "webhook");
    expect(modelKey.equals(webhookKey)).toBe(false);
    const sealed = sealSecret("sk-live-123", "model", "tenant-a", modelKey);
    expect(openSecret(sealed, "model", "tenant-a", modelKey)).toBe("sk-live-123");
    // Same key, other purpose's additional data: refused too (not only because the keys differ).
    expect(() => openSecret(sealed, "webhook", "tenant-a", modelKey)).toThrow(SecretBoxError);
    expect(() => openSecret(sealed, "webhook", "tenant-a", webhookKey)).toThrow(/signing secret cannot be decrypted/);
    expect(() => openSecret(sealed, "model", "tenant-b", modelKey)).toThrow(/model API key cannot be decrypted .*Admin → Model endpoint/);
    expect(() => openSecret("v2.x.y.z", "model", "tenant-a", modelKey)).toThrow(/stored model API key has an unknown format/);
  });
});
