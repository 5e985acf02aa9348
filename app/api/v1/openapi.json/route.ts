import { withPublic } from "@/server/http/with-public";
import { openApiDocument } from "@/server/http/openapi";

export const GET = withPublic(async () => ({ body: openApiDocument() }));
