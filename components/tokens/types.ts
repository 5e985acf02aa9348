import type { ApiTokenView } from "@/server/tokens/token-view";
import type { RoleOption } from "../members/types";

export type { ApiTokenView, RoleOption };
export type CreatedToken = ApiTokenView & { token: string };
