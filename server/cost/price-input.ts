// What a new price version and the tenant's cost settings are made of, as the API and the console's
// forms take them. Amounts are integer micro-units of the platform's currency: per million tokens
// for a model, per unit (a sandbox second, a verifier minute) for a resource. No server imports:
// contracts and the browser use it too. The rules that need the database or the environment (the
// effective date against the versions already there, the currency) are add-price-version.ts's.
import { z } from "zod";
import { RESOURCES } from "./money";

/** No real price comes near it: a million currency units per million tokens, or per resource unit. */
export const MAX_PRICE_MICROS = 1_000_000_000_000;
/** How far in the past a new version may say it starts: a form filled in a minute ago still saves. */
export const PAST_TOLERANCE_MS = 60_000;

export const UNKNOWN_MODEL_CHOICES = ["default", "refuse"] as const;
export type UnknownModelChoice = (typeof UNKNOWN_MODEL_CHOICES)[number];

/** A model's name as the model endpoint sends it, or "*": the price of a model without its own. */
export const MODEL_SUBJECT = /^(\*|[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127})$/;
const MODEL_SUBJECT_RULE = "must be a model name (letters, digits and . _ : / @ + -, starting with a letter or digit, at most 128 characters) or * for the default price";

const ZMicros = (per: string) => z.number()
  .int("must be whole micro-units (1,000,000 = one currency unit)")
  .min(0, "must not be negative")
  .max(MAX_PRICE_MICROS, `must be at most ${MAX_PRICE_MICROS} micro-units (1,000,000 currency units ${per}): no real price is that high`);

const TOKEN_FIELDS = ["inputMicros", "outputMicros", "cachedMicros"] as const;

export const ZAddPriceVersion = z.object({
  scope: z.enum(["tenant", "platform"]).default("tenant")
    .describe("tenant: this tenant's own version, overriding the platform's; platform: every tenant's (price.platform)"),
  kind: z.enum(["model", "resource"], { error: "must be model or resource" }),
  subject: z.string().describe(`model: the model's name, or * for the default price; resource: ${Object.keys(RESOURCES).join(" or ")}`),
  inputMicros: ZMicros("per million tokens").optional().describe("model: per million input tokens"),
  outputMicros: ZMicros("per million tokens").optional().describe("model: per million output tokens"),
  cachedMicros: ZMicros("per million tokens").optional().describe("model: per million cached input tokens; left out: the input price"),
  unitMicros: ZMicros("per unit").optional().describe("resource: per unit (a sandbox second, a verifier minute)"),
  effectiveFrom: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date and time, e.g. 2027-01-01T00:00:00Z" }).optional()
    .describe("when the version takes effect (now when left out); never in the past, and after the subject's latest version"),
  note: z.string().trim().max(500).refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "must not contain control characters").default(""),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be a three-letter currency code like USD").optional()
    .describe("the currency the amounts are in; must be the platform's (COST_CURRENCY) when given"),
}).strict().superRefine((b, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (b.kind === "model") {
    if (!MODEL_SUBJECT.test(b.subject)) issue("subject", MODEL_SUBJECT_RULE);
    if (b.inputMicros === undefined) issue("inputMicros", "a model price needs its input price per million tokens");
    if (b.outputMicros === undefined) issue("outputMicros", "a model price needs its output price per million tokens");
    if (b.unitMicros !== undefined) issue("unitMicros", "a model is priced per million tokens: leave unitMicros out");
  } else {
    if (!Object.hasOwn(RESOURCES, b.subject)) issue("subject", `is not a resource Fleetgate prices: choose ${Object.keys(RESOURCES).join(" or ")}`);
    if (b.unitMicros === undefined) issue("unitMicros", "a resource price needs its price per unit");
    for (const f of TOKEN_FIELDS) if (b[f] !== undefined) issue(f, "a resource is priced per unit: leave the token prices out");
  }
});
export type AddPriceVersionInput = z.infer<typeof ZAddPriceVersion>;

export const ZSetCostSettings = z.object({
  unknownModel: z.enum(UNKNOWN_MODEL_CHOICES, { error: "must be default or refuse" })
    .describe("a model without a price of its own: default: costed at the * price (and marked so); refuse: the model call is refused"),
}).strict();
export type SetCostSettingsInput = z.infer<typeof ZSetCostSettings>;
