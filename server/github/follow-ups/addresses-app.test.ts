import { describe, expect, it } from "vitest";
import { addressesApp } from "./addresses-app";

const BOT = "fleetgate[bot]";

describe("addressesApp", () => {
  it("is a mention of the App's slug, with or without [bot], in any case, anywhere in the text", () => {
    expect(addressesApp("@fleetgate please rename the export", BOT)).toBe(true);
    expect(addressesApp("Could you, @Fleetgate, keep it short?", BOT)).toBe(true);
    expect(addressesApp("(@fleetgate[bot]) shorter please", BOT)).toBe(true);
  });

  it("is not conversation, another login that starts alike, an e-mail address, a team, or a mention inside code", () => {
    expect(addressesApp("LGTM, thanks!", BOT)).toBe(false);
    expect(addressesApp("@fleetgate-dev please look", BOT)).toBe(false);
    expect(addressesApp("@fleetgatex please look", BOT)).toBe(false);
    expect(addressesApp("mail ops@fleetgate.example", BOT)).toBe(false);
    expect(addressesApp("ask @acme/fleetgate", BOT)).toBe(false);
    expect(addressesApp("run `@fleetgate retry` to see", BOT)).toBe(false);
    expect(addressesApp("```\n@fleetgate\n```", BOT)).toBe(false);
  });
});
