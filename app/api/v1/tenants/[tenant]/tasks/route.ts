import { createTaskRoute } from "@/server/contracts/runs";
import { withAuthz } from "@/server/http/with-authz";
import { createTask } from "@/server/runs/create-task";

export const POST = withAuthz(createTaskRoute, ({ ctx, body }) => createTask(ctx, body));
