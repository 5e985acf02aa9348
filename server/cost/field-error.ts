// A 422 naming the one field that is wrong, in the shape parse-input.ts gives zod's issues, so the
// console shows it next to its field.
import { AppError } from "../core/app-error";
import { env } from "../env";

export const fieldError = (path: string, message: string) =>
  new AppError("validation_failed", `invalid body: ${path} ${message}`, { issues: [{ path, message }] });

/** Amounts carry no currency of their own: one that names another than the platform's is refused. */
export function checkCurrency(currency: string | undefined): void {
  const platform = env().COST_CURRENCY;
  if (currency !== undefined && currency !== platform) {
    throw fieldError("body.currency", `is ${currency}, but every amount in Fleetgate is in ${platform}, the platform's one currency (COST_CURRENCY): give the amounts in ${platform}`);
  }
}
