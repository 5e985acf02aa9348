import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

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
