import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideEnv } from "../env";
import { decidedPayload, digestPayload, pingPayload, plainText, requestedPayload } from "./payload";

const saved = process.env.NEXTAUTH_URL;
beforeAll(() => {
  process.env.NEXTAUTH_URL = "https://fleetgate.example.com";
  overrideEnv({});
});
afterAll(() => {
  if (saved === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = saved;
  overrideEnv({});
});

const request = {
  id: "req1", kind: "policy_activation", title: "Activate acme-guardrails v3", risk: "high", requesterLabel: "policy-admin@acme.test",
  state: "pending" as const, outcomeReason: null, createdAt: new Date("2026-03-01T09:00:00Z"), expiresAt: new Date("2026-03-08T09:00:00Z"), decidedAt: null,
};

describe("webhook payloads", () => {
  it("approval.requested: a sentence a chat shows as is, with the link, plus the structured request", () => {
    const p = requestedPayload("acme", request);
    expect(p.text).toBe('Approval needed in acme: "Activate acme-guardrails v3" (policy_activation, high risk), asked by policy-admin@acme.test; expires 2026-03-08 09:00 UTC. https://fleetgate.example.com/acme/approvals/req1');
    expect(p).toMatchObject({
      event: "approval.requested", tenant: "acme", occurredAt: "2026-03-01T09:00:00.000Z",
      request: { id: "req1", kind: "policy_activation", title: "Activate acme-guardrails v3", risk: "high", requester: "policy-admin@acme.test", state: "pending", expiresAt: "2026-03-08T09:00:00.000Z", link: "https://fleetgate.example.com/acme/approvals/req1" },
    });
  });

  it("approval.decided says how it ended and why", () => {
    const approved = decidedPayload("acme", { ...request, state: "approved", outcomeReason: "approved by approver@acme.test", decidedAt: new Date("2026-03-02T10:00:00Z") });
    expect(approved.text).toBe('Approval request "Activate acme-guardrails v3" in acme was approved (approved by approver@acme.test). https://fleetgate.example.com/acme/approvals/req1');
    expect(approved.request).toMatchObject({ state: "approved", outcomeReason: "approved by approver@acme.test" });
    expect(decidedPayload("acme", { ...request, state: "expired", outcomeReason: "expired without a decision" }).text).toContain("expired without a decision.");
  });

  it("approval.digest counts and names the first to expire", () => {
    const p = digestPayload("acme", 23, 10, [request], new Date("2026-03-01T10:00:00Z"));
    expect(p.text).toBe('23 approval requests are waiting in acme (more than 10, so they are summarised, at most every 15 minutes). The first to expire: "Activate acme-guardrails v3" at 2026-03-08 09:00 UTC. https://fleetgate.example.com/acme/approvals');
    expect(p.pending).toMatchObject({ count: 23, threshold: 10, link: "https://fleetgate.example.com/acme/approvals" });
    expect(p.pending!.requests).toHaveLength(1);
  });

  it("keeps a title on one line and cannot ping a Slack channel", () => {
    const p = requestedPayload("acme", { ...request, title: "Urgent <!channel>\n& <https://evil.test|click>" });
    expect(p.text).toContain('"Urgent &lt;!channel&gt; &amp; &lt;https://evil.test|click&gt;"');
    expect(p.request!.title).toBe("Urgent <!channel>\n& <https://evil.test|click>");
    expect(plainText("a".repeat(500), 160)).toHaveLength(160);
  });

  it("ping names who sent it", () => {
    expect(pingPayload("acme", "tenant-admin@acme.test", new Date("2026-03-01T10:00:00Z")).text).toBe("Test event from Fleetgate (acme), sent by tenant-admin@acme.test: this webhook is reachable.");
  });
});
