import { createRepositoryRoute, listRepositoriesRoute } from "@/server/contracts/repositories";
import { withAuthz } from "@/server/http/with-authz";
import { createRepository } from "@/server/repositories/create-repository";
import { listRepositories } from "@/server/repositories/list-repositories";

export const GET = withAuthz(listRepositoriesRoute, ({ ctx, query }) => listRepositories(ctx, query));
export const POST = withAuthz(createRepositoryRoute, ({ ctx, body }) => createRepository(ctx, body));
