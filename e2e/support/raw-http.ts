// Raw HTTP as a signed-in person (acme's tenant admin unless told), for what Playwright's request API always normalises
// (Content-Length, Content-Type, chunked bodies).
import { readFileSync } from "node:fs";
import http from "node:http";
import { OWN_TENANT, storageStateOf, tenantAdmin, type Persona } from "../fixtures";
import { BASE_URL } from "./env";

function sessionCookie(who: Persona): string {
  const state = JSON.parse(readFileSync(storageStateOf(who), "utf8")) as { cookies: { name: string; value: string }[] };
  return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

type RawResponse = { status: number; text: string };

function rawRequest(method: string, path: string, who: Persona, headers: Record<string, string>, write: (req: http.ClientRequest) => void): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, BASE_URL), { method, headers: { cookie: sessionCookie(who), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
    });
    // The server may answer 413 before reading everything and close the connection: that is fine.
    req.on("error", reject);
    write(req);
  });
}

export const sendRaw = (method: string, path: string, requestId: string, body: string, type: string | null, who: Persona = tenantAdmin(OWN_TENANT)) =>
  rawRequest(method, path, who, { "x-request-id": requestId, "content-length": String(Buffer.byteLength(body)), ...(type ? { "content-type": type } : {}) }, (req) => req.end(body));

export const sendChunked = (method: string, path: string, requestId: string, chunks: string[], who: Persona = tenantAdmin(OWN_TENANT)) =>
  rawRequest(method, path, who, { "x-request-id": requestId, "content-type": "application/json", "transfer-encoding": "chunked" }, (req) => {
    for (const c of chunks) req.write(c);
    req.end();
  });
