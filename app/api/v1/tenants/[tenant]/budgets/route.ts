import { createBudgetRoute, listBudgetsRoute } from "@/server/contracts/budgets";
import { createBudget } from "@/server/cost/create-budget";
import { listBudgets } from "@/server/cost/list-budgets";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(listBudgetsRoute, ({ ctx }) => listBudgets(ctx));
export const POST = withAuthz(createBudgetRoute, ({ ctx, body }) => createBudget(ctx, body));
