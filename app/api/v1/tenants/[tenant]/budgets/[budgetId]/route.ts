import { getBudgetRoute, updateBudgetRoute } from "@/server/contracts/budgets";
import { getBudget } from "@/server/cost/get-budget";
import { updateBudget } from "@/server/cost/update-budget";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(getBudgetRoute, ({ ctx, params }) => getBudget(ctx, params.budgetId));
export const PATCH = withAuthz(updateBudgetRoute, ({ ctx, params, body }) => updateBudget(ctx, params.budgetId, body));
