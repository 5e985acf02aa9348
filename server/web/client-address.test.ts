import { describe, expect, it } from "vitest";
import { clientAddress, requestScheme } from "./client-address";

describe("clientAddress", () => {
  it("ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(clientAddress("198.51.100.7", "203.0.113.9", 0)).toBe("198.51.100.7");
  });

  it("takes the address the trusted proxy saw, not what the client claimed", () => {
    // client claims 203.0.113.9; our proxy (the peer) appended the client's real address
    expect(clientAddress("10.0.0.2", "203.0.113.9, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.2", ["203.0.113.9", "198.51.100.7, 10.0.0.5"], 2)).toBe("198.51.100.7");
  });

  it("falls back to the left-most address when there are fewer hops than trusted", () => {
    expect(clientAddress("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
  });

  it("unwraps IPv4-mapped IPv6 and refuses anything that is not an address", () => {
    expect(clientAddress("::ffff:127.0.0.1", undefined, 0)).toBe("127.0.0.1");
    expect(clientAddress("::1", undefined, 0)).toBe("::1");
    expect(clientAddress("10.0.0.2", "<script>", 1)).toBeNull();
    expect(clientAddress(undefined, undefined, 0)).toBeNull();
  });
});

describe("requestScheme", () => {
  it("believes no X-Forwarded-Proto when no proxy is trusted", () => {
    expect(requestScheme("https", 0)).toBe("http");
    expect(requestScheme(undefined, 0)).toBe("http");
  });

  it("takes what the trusted proxy wrote, not what the client claimed", () => {
    expect(requestScheme("https", 1)).toBe("https");
    expect(requestScheme("HTTPS", 1)).toBe("https");
    // the client claimed https; our proxy appended the scheme it really saw
    expect(requestScheme("https, http", 1)).toBe("http");
    expect(requestScheme(["https", "http, https"], 2)).toBe("http");
    expect(requestScheme("http, https, http", 2)).toBe("https");
  });

  it("is http when the proxy said nothing or something else", () => {
    expect(requestScheme(undefined, 1)).toBe("http");
    expect(requestScheme("wss", 1)).toBe("http");
  });
});
