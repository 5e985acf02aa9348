import { describe, expect, it } from "vitest";
import { deriveKey, generateSigningSecret, openSecret, sealSecret, SecretBoxError } from "./secret-box";

const key = deriveKey("a-server-secret-of-at-least-32-characters!");

describe("signing secrets at rest", () => {
  it("round-trips under the derived key and never stores the secret in clear", () => {
    const { secret, prefix } = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(prefix)).toBe(true);
    expect(prefix).toHaveLength(12);
    const sealed = sealSecret(secret, "tenant-a", key);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(secret.slice(6));
    expect(openSecret(sealed, "tenant-a", key)).toBe(secret);
  });

  it("uses a fresh IV each time", () => {
    expect(sealSecret("whsec_same", "t", key)).not.toBe(sealSecret("whsec_same", "t", key));
  });

  it("does not open with another key, in another tenant, or when tampered with", () => {
    const sealed = sealSecret("whsec_x", "tenant-a", key);
    expect(() => openSecret(sealed, "tenant-a", deriveKey("another-server-secret-of-32-characters!!"))).toThrow(SecretBoxError);
    expect(() => openSecret(sealed, "tenant-b", key)).toThrow(/cannot be decrypted/);
    const parts = sealed.split(".");
    const ct = Buffer.from(parts[3]!, "base64url");
    ct[0] = ct[0]! ^ 1;
    expect(() => openSecret([...parts.slice(0, 3), ct.toString("base64url")].join("."), "tenant-a", key)).toThrow(SecretBoxError);
    expect(() => openSecret("garbage", "tenant-a", key)).toThrow(/unknown format/);
  });

  it("derives a stable 256-bit key from the server secret", () => {
    expect(deriveKey("s".repeat(32))).toHaveLength(32);
    expect(deriveKey("s".repeat(32)).equals(deriveKey("s".repeat(32)))).toBe(true);
    expect(deriveKey("s".repeat(32)).equals(deriveKey("t".repeat(32)))).toBe(false);
  });
});
