import { costExportRoute } from "@/server/contracts/cost";
import { exportCostCsv } from "@/server/cost/export-cost-csv";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(costExportRoute, ({ ctx, query }) => exportCostCsv(ctx, query));
