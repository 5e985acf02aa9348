import { z } from "zod";
import { ZCostSettings } from "../cost/cost-settings-view";
import { ZAddPriceVersion, ZSetCostSettings } from "../cost/price-input";
import { ZPriceList, ZPriceSubject, ZPriceVersion } from "../cost/price-view";
import { defineRoute, ZTenantParam } from "../http/define-route";

const tenantParams = z.object({ tenant: ZTenantParam });

export const listPricesRoute = defineRoute({
  id: "price.list", method: "GET", path: "/api/v1/tenants/{tenant}/prices", tag: "prices",
  summary: "Every price this tenant pays by, per model (the * default first) and resource: all versions, the platform's and the tenant's own, newest first, each with its standing now, and the version in force for this tenant (its own before the platform's). Amounts in micro-units of the platform's currency, per million tokens or per unit, and as text",
  permission: "cost.read", params: tenantParams, response: ZPriceList,
});

export const addPriceVersionRoute = defineRoute({
  id: "price.version.add", method: "POST", path: "/api/v1/tenants/{tenant}/prices", tag: "prices",
  summary: "Add a price version: the tenant's own (overriding the platform's), or with scope: platform the platform's (price.platform). Versions are never changed: a new one takes effect now or at effectiveFrom, which may not be in the past nor at or before the subject's latest version in its scope (422 naming it); amounts from 0 to 10^12 micro-units, in the platform's currency",
  permission: "price.manage", params: tenantParams, body: ZAddPriceVersion,
  response: z.object({ price: ZPriceVersion, subject: ZPriceSubject.describe("the subject's versions after the addition") }), status: 201,
  alsoRequires: [{ permission: "price.platform", when: "setsPlatformPrice", because: "a platform price is what every tenant pays unless it has its own" }],
  example: { body: { kind: "model", subject: "e2e-model-{unique}", inputMicros: 3_000_000, outputMicros: 15_000_000, note: "Added by the API test {unique}" } },
});

export const getCostSettingsRoute = defineRoute({
  id: "cost_settings.get", method: "GET", path: "/api/v1/tenants/{tenant}/cost-settings", tag: "prices",
  summary: "How a model without a price of its own is costed in this tenant (default: at the * price, marked as defaulted; refuse: its calls are refused), and the platform's currency",
  permission: "cost.read", params: tenantParams, response: ZCostSettings,
});

export const setCostSettingsRoute = defineRoute({
  id: "cost_settings.update", method: "PUT", path: "/api/v1/tenants/{tenant}/cost-settings", tag: "prices",
  summary: "Choose how a model without a price of its own is costed from now on: default or refuse (what was costed stays as it was)",
  permission: "price.manage", params: tenantParams, body: ZSetCostSettings, response: ZCostSettings,
  example: { body: { unknownModel: "default" } },
});
