import { deleteRepositoryRoute, updateRepositoryRoute } from "@/server/contracts/repositories";
import { withAuthz } from "@/server/http/with-authz";
import { deleteRepository } from "@/server/repositories/delete-repository";
import { updateRepository } from "@/server/repositories/update-repository";

export const PATCH = withAuthz(updateRepositoryRoute, ({ ctx, params, body }) => updateRepository(ctx, params.repositoryId, body));
export const DELETE = withAuthz(deleteRepositoryRoute, ({ ctx, params }) => deleteRepository(ctx, params.repositoryId));
