import { archiveBudgetRoute } from "@/server/contracts/budgets";
import { archiveBudget } from "@/server/cost/archive-budget";
import { withAuthz } from "@/server/http/with-authz";

export const POST = withAuthz(archiveBudgetRoute, ({ ctx, params }) => archiveBudget(ctx, params.budgetId));
