// Every /api/v1 contract: the tenants' routes (withAuthz) and the person's own under /api/v1/me
// (withPerson). The OpenAPI document and the API tests are generated from these lists, and a test
// checks that each has a route handler built with its wrapper.
import type { PersonalRouteContract, RouteContract } from "../http/define-route";
import * as approvals from "./approvals";
import * as audit from "./audit";
import * as budgets from "./budgets";
import * as campaigns from "./campaigns";
import * as changesets from "./changesets";
import * as cost from "./cost";
import * as github from "./github";
import * as killswitches from "./kill-switches";
import * as me from "./me";
import * as members from "./members";
import * as modelEndpoints from "./model-endpoints";
import * as notifications from "./notifications";
import * as policies from "./policies";
import * as prStorm from "./pr-storm";
import * as prices from "./prices";
import * as repositories from "./repositories";
import * as runs from "./runs";
import * as teams from "./teams";
import * as tenants from "./tenants";
import * as tokens from "./tokens";
import * as verifierProfiles from "./verifier-profiles";
import * as webhooks from "./webhooks";

export const ROUTES: readonly RouteContract[] = [tenants, members, teams, repositories, verifierProfiles, tokens, audit, policies, approvals, notifications, webhooks, runs, changesets, campaigns, prStorm, cost, killswitches, modelEndpoints, github, prices, budgets].flatMap(
  (m) => Object.values(m) as RouteContract[],
);

export const PERSONAL_ROUTES: readonly PersonalRouteContract[] = Object.values(me);
