// One HTTP POST to a receiver: bounded in time (connection, TLS and the answer's first bytes within
// the timeout), redirects not followed, and the address checked where the connection is made: the
// URL rules again (settings may have changed) and every address the host name resolves to, so a
// name that resolves into a private network (or is re-pointed there later) is refused.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { checkWebhookUrl, classifyAddress } from "./url-policy";

export type PostResult = {
  ok: boolean;
  status: number | null;
  /** Why it failed, written for the delivery log: no URL path, no secret. */
  error: string | null;
  /** Retrying cannot help (the URL is not allowed). */
  final?: boolean;
};

const RESPONSE_SNIPPET_BYTES = 512;

function vettedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, "", 4);
      const bad = addresses.find((a) => {
        const c = classifyAddress(a.address);
        return c === "private" || (c === "loopback" && !allowLoopback);
      });
      if (bad) {
        const e = Object.assign(new Error(`${hostname} resolves to ${bad.address}, which webhooks may not reach`), { code: "EFLEETGATE_ADDRESS" });
        return callback(e, "", 4);
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 4);
      callback(null, first.address, first.family);
    });
  };
}

function describeError(e: NodeJS.ErrnoException, host: string, timeoutMs: number): string {
  switch (e.code) {
    case "EFLEETGATE_TIMEOUT": return `no answer within ${timeoutMs / 1000} s`;
    case "EFLEETGATE_ADDRESS": return `refused: ${e.message}`;
    case "ECONNREFUSED": return `connection refused by ${host}`;
    case "ENOTFOUND": case "EAI_AGAIN": return `host ${host} not found`;
    case "ECONNRESET": return `connection reset by ${host}`;
    case "EHOSTUNREACH": case "ENETUNREACH": return `${host} is unreachable`;
    default:
      if (e.code && /CERT|SSL|TLS/.test(e.code)) return `TLS: ${e.code}`;
      return e.code ? `${e.code}` : "request failed";
  }
}

export function postWebhook(
  rawUrl: string, body: string, headers: Record<string, string>, o: { timeoutMs: number; allowLoopback: boolean },
): Promise<PostResult> {
  const check = checkWebhookUrl(rawUrl, { allowLoopback: o.allowLoopback });
  if (!check.ok) return Promise.resolve({ ok: false, status: null, error: `refused: the URL ${check.problem}`, final: true });
  const url = check.url;
  const mod = url.protocol === "https:" ? https : http;
  return new Promise<PostResult>((resolve) => {
    let settled = false;
    const finish = (r: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = mod.request(url, {
      method: "POST",
      agent: false,
      lookup: vettedLookup(o.allowLoopback),
      headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), "user-agent": "Fleetgate-Webhooks/1", ...headers },
    });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error("timeout"), { code: "EFLEETGATE_TIMEOUT" })), o.timeoutMs);
    req.on("error", (e: NodeJS.ErrnoException) => finish({ ok: false, status: null, error: describeError(e, url.host, o.timeoutMs) }));
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      const ok = status >= 200 && status < 300;
      if (ok) {
        res.resume();
        return finish({ ok: true, status, error: null });
      }
      // A failure keeps the start of the receiver's answer: it usually says what was wrong.
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const snippet = Buffer.concat(chunks).subarray(0, RESPONSE_SNIPPET_BYTES).toString("utf8").replace(/\s+/g, " ").trim();
        const redirect = status >= 300 && status < 400 ? " (redirects are not followed)" : "";
        finish({ ok: false, status, error: `HTTP ${status}${redirect}${snippet ? `: ${snippet}` : ""}` });
        res.destroy();
      };
      res.on("data", (c: Buffer) => {
        chunks.push(c);
        size += c.length;
        if (size >= RESPONSE_SNIPPET_BYTES) done();
      });
      res.on("end", done);
      res.on("error", done);
    });
    req.end(body);
  });
}
