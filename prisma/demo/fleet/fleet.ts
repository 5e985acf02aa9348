// Acme's fleet: a few dozen small services across five teams and every risk tier, so campaigns have
// something to roll out across (prisma/demo/campaigns). Each is a project folder of
// prisma/demo/repos/acme generated from one template (fleet-template.ts; regenerate with
// `npx tsx prisma/demo/fleet/write-fleet.ts`), and so a fixed commit like the other demo projects.
import type { RiskTier } from "../../../server/db/generated/client";

export type FleetRepo = { name: string; team: string; tier: RiskTier; description: string; port: number; timeoutMs: number };

/** Teams of the fleet that the first demo repositories did not need: [slug, name]. */
export const FLEET_TEAMS: [string, string][] = [["data", "Data"], ["identity", "Identity"]];

const repo = (name: string, team: string, tier: RiskTier, description: string, i: number): FleetRepo =>
  ({ name, team, tier, description, port: 8100 + i, timeoutMs: [2000, 3000, 5000, 8000][i % 4]! });

export const ACME_FLEET: FleetRepo[] = [
  ["pay-refunds", "payments", "low", "Refund requests and their approval trail"],
  ["pay-invoices", "payments", "standard", "Invoice rendering and numbering"],
  ["pay-payouts", "payments", "standard", "Merchant payout batches"],
  ["pay-fx-rates", "payments", "low", "Daily foreign exchange rates, cached"],
  ["pay-webhooks", "payments", "standard", "Payment event webhooks to merchants"],
  ["pay-receipts", "payments", "low", "Receipt e-mails and PDFs"],
  ["pay-disputes", "payments", "high", "Chargeback disputes and their evidence"],
  ["pay-card-vault", "payments", "critical", "Card tokenisation vault"],
  ["pay-tax-reports", "payments", "regulated", "Quarterly tax reports for the authorities"],
  ["plat-auth-proxy", "platform", "high", "The edge proxy that checks every API token"],
  ["plat-config-loader", "platform", "low", "Shared configuration loading for services"],
  ["plat-job-runner", "platform", "standard", "Scheduled jobs and their retries"],
  ["plat-metrics-agent", "platform", "low", "Ships service metrics to the time-series store"],
  ["plat-feature-flags", "platform", "standard", "Feature flag evaluation service"],
  ["plat-rate-limiter", "platform", "standard", "Per-key request rate limiting"],
  ["plat-secrets-broker", "platform", "critical", "Hands out short-lived credentials to services"],
  ["web-checkout", "web", "standard", "The checkout flow's backend for frontend"],
  ["web-account", "web", "standard", "Account settings pages"],
  ["web-search", "web", "low", "Product search suggestions"],
  ["web-design-tokens", "web", "low", "Colours, spacing and type scales as tokens"],
  ["web-analytics", "web", "low", "Page analytics collector"],
  ["web-landing", "web", "low", "Marketing landing pages"],
  ["data-events", "data", "standard", "The event bus consumer that archives events"],
  ["data-warehouse-sync", "data", "high", "Nightly sync into the warehouse"],
  ["data-exports", "data", "standard", "Customer data exports as CSV"],
  ["data-retention", "data", "regulated", "Deletes personal data when its retention ends"],
  ["data-dashboards", "data", "low", "Internal dashboards' query service"],
  ["id-sso", "identity", "high", "Single sign-on with customers' identity providers"],
  ["id-sessions", "identity", "standard", "Session issuance and revocation"],
  ["id-directory", "identity", "standard", "People and groups directory"],
  ["id-mfa", "identity", "critical", "Second factors: TOTP and WebAuthn"],
].map(([name, team, tier, description], i) => repo(name!, team!, tier as RiskTier, description!, i));
