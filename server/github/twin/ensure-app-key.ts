// The app's key pair: the twin is given the app's public key, or generates a pair into the data
// directory and names the private key's file, which Fleetgate's configuration then points at.
import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export async function ensureAppKey(dataDir: string, publicKeyPem?: string): Promise<{ publicKeyPem: string; privateKeyPath: string | null }> {
  if (publicKeyPem) return { publicKeyPem: createPublicKey(publicKeyPem).export({ type: "spki", format: "pem" }).toString(), privateKeyPath: null };
  const privateKeyPath = path.join(dataDir, "app-private-key.pem");
  const existing = await readFile(privateKeyPath, "utf8").catch(() => null);
  if (existing) return { publicKeyPem: createPublicKey(existing).export({ type: "spki", format: "pem" }).toString(), privateKeyPath };
  // PKCS#1 ("BEGIN RSA PRIVATE KEY"), the format GitHub hands out for app keys.
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs1", format: "pem" } });
  await writeFile(privateKeyPath, privateKey, { mode: 0o600 });
  return { publicKeyPem: publicKey, privateKeyPath };
}
