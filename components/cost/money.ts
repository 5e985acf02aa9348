// Amounts for people, in the platform's currency, from the API's integer micro-units (formatMoney,
// the same function the server uses; money.ts is written for the browser too).
import { formatMoney } from "@/server/cost/money";

export type Money = (micros: number | null | undefined) => string;

export const moneyIn = (currency: string): Money => (micros) => (micros === null || micros === undefined ? "—" : formatMoney(BigInt(Math.round(micros)), currency));

/** For a chart's tooltip: Recharts hands values of any kind. */
export const tooltipMoney = (money: Money) => (v: unknown) => (typeof v === "number" ? money(v) : String(v ?? ""));
