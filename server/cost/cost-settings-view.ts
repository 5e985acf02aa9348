// The tenant's cost settings as the API shows them: how a model without a price of its own is
// costed, and the platform's currency every amount is in.
import { z } from "zod";
import { UNKNOWN_MODEL_CHOICES } from "./price-input";

export const ZCostSettings = z.object({
  unknownModel: z.enum(UNKNOWN_MODEL_CHOICES).describe("default: a model without a price is costed at the * price, marked as defaulted; refuse: its calls are refused"),
  currency: z.string().describe("the platform's one currency (COST_CURRENCY): every price, cost and budget is in its micro-units"),
  updatedByLabel: z.string().nullable().describe("who last changed the settings (null: never changed)"),
  updatedAt: z.string().nullable(),
});
export type CostSettingsView = z.infer<typeof ZCostSettings>;
