import { describe, expect, it } from "vitest";
import { vetAddresses } from "./load-model-config";

describe("the model endpoint's addresses", () => {
  it("refuses a name or literal that reaches loopback (unless allowed) or a private network", async () => {
    expect(await vetAddresses("localhost", false)).toMatch(/^the model endpoint's host localhost resolves to (127\.0\.0\.1|::1), which model requests may not reach$/);
    expect(await vetAddresses("localhost", true)).toBeNull();
    expect(await vetAddresses("10.1.2.3", true)).toMatch(/resolves to 10\.1\.2\.3/);
    expect(await vetAddresses("[fd00::1]", true)).toMatch(/resolves to fd00::1/);
    expect(await vetAddresses("93.184.216.34", false)).toBeNull();
    expect(await vetAddresses("no-such-host.invalid", false)).toMatch(/could not be resolved \(ENOTFOUND|EAI_AGAIN/);
  });
});
