// The signature every delivery carries, so a receiver knows Fleetgate sent exactly these bytes:
//
//   X-Fleetgate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
//
// The key is the signing secret as UTF-8 text (whsec_...). Receivers compute the same HMAC over the
// raw body bytes (before any JSON parsing), compare in constant time and refuse a timestamp older
// than their tolerance (5 minutes suggested), which stops replays. One v1 value is sent today; a
// receiver should accept any v1 that matches, so secrets can overlap one day without a change there.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Fleetgate-Signature";
export const EVENT_HEADER = "X-Fleetgate-Event";
export const DELIVERY_HEADER = "X-Fleetgate-Delivery";

export function signBody(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", Buffer.from(secret, "utf8")).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

export function signatureHeader(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${signBody(secret, timestamp, body)}`;
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: string };

/** What a receiver does (used by the tests and shown in the docs). */
export function verifySignature(
  secret: string, body: string, header: string | null | undefined, o: { toleranceSeconds?: number; now?: number } = {},
): VerifyResult {
  if (!header) return { ok: false, reason: "no signature header" };
  const parts = header.split(",").map((p) => p.trim().split("=", 2) as [string, string | undefined]);
  const t = parts.find(([k]) => k === "t")?.[1];
  const v1 = parts.filter(([k, v]) => k === "v1" && v).map(([, v]) => v!);
  if (!t || !/^\d{1,12}$/.test(t) || v1.length === 0) return { ok: false, reason: "malformed signature header" };
  const timestamp = Number(t);
  const now = o.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (o.toleranceSeconds ?? 300)) return { ok: false, reason: "timestamp outside the tolerance" };
  const expected = Buffer.from(signBody(secret, timestamp, body), "hex");
  const match = v1.some((v) => {
    if (!/^[0-9a-f]{64}$/.test(v)) return false;
    return timingSafeEqual(Buffer.from(v, "hex"), expected);
  });
  return match ? { ok: true, timestamp } : { ok: false, reason: "signature does not match" };
}
