import { describe, expect, it } from "vitest";
import { REQUEST_SCHEME_HEADER } from "../web/client-address";
import { crossSiteRefusal, ownOrigins } from "./cross-site";

const OURS = ["https://fleetgate.example.com", "http://127.0.0.1:3000"];

const req = (method: string, headers: Record<string, string>) => ({ method, headers: new Headers(headers) });

// [method, Sec-Fetch-Site, Origin, refused?]
const TABLE: [string, string | null, string | null, boolean][] = [
  // reads are never refused here, whoever sent them
  ["GET", "cross-site", "https://evil.example", false],
  ["HEAD", "cross-site", null, false],
  ["OPTIONS", "cross-site", "https://evil.example", false],
  // the console's own pages
  ["POST", "same-origin", "https://fleetgate.example.com", false],
  ["PATCH", "same-origin", "http://127.0.0.1:3000", false],
  ["DELETE", "same-origin", null, false],
  ["PUT", "none", null, false],
  // another site's page
  ["POST", "cross-site", "https://evil.example", true],
  ["DELETE", "cross-site", null, true],
  ["PATCH", "same-site", "https://other.example.com", true],
  ["POST", "same-site", null, true],
  ["POST", "no-such-value", null, true],
  // a browser without Fetch Metadata: Origin decides
  ["POST", null, "https://evil.example", true],
  ["PUT", null, "null", true],
  ["POST", null, "http://fleetgate.example.com", true],
  ["POST", null, "https://fleetgate.example.com.evil.example", true],
  ["POST", null, "https://fleetgate.example.com", false],
  // Sec-Fetch-Site that lies about Origin is still refused on Origin
  ["POST", "same-origin", "https://evil.example", true],
  // neither header: not a browser on another site (curl, a script): allowed
  ["POST", null, null, false],
  ["DELETE", null, null, false],
];

describe("crossSiteRefusal", () => {
  it.each(TABLE)("%s with Sec-Fetch-Site %s and Origin %s: refused %s", (method, site, origin, refused) => {
    const headers: Record<string, string> = {};
    if (site !== null) headers["sec-fetch-site"] = site;
    if (origin !== null) headers.origin = origin;
    const reason = crossSiteRefusal(req(method, headers), OURS);
    expect(reason !== null).toBe(refused);
  });

  it("says why, naming the header that refused", () => {
    expect(crossSiteRefusal(req("POST", { "sec-fetch-site": "cross-site" }), OURS)).toMatch(/another site \(Sec-Fetch-Site: cross-site\)/);
    expect(crossSiteRefusal(req("POST", { origin: "https://evil.example" }), OURS)).toMatch(/another origin \(Origin: https:\/\/evil\.example\)/);
  });
});

describe("ownOrigins", () => {
  it("is the public URL's origin and the origin the request was addressed to", () => {
    const h = new Headers({ host: "127.0.0.1:3000" });
    expect(ownOrigins(h, "https://fleetgate.example.com/some/path")).toEqual(["https://fleetgate.example.com", "http://127.0.0.1:3000"]);
  });

  it("takes the scheme serve.ts vouched for, and drops a default port", () => {
    const h = new Headers({ host: "fleetgate.example.com:443", [REQUEST_SCHEME_HEADER]: "https" });
    expect(ownOrigins(h, undefined)).toEqual(["https://fleetgate.example.com"]);
  });

  it("names no origin for a missing or malformed Host", () => {
    expect(ownOrigins(new Headers(), undefined)).toEqual([]);
    expect(ownOrigins(new Headers({ host: "a b" }), undefined)).toEqual([]);
  });
});
