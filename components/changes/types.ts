// The changesets API's shapes as the browser sees them (types only: nothing from server/ runs here).
import type { z } from "zod";
import type { getRunChangesetRoute, listChangesetsRoute } from "@/server/contracts/changesets";
import type { ChangesetDetail, ChangesetEventView, ChangesetProvenance, ChangesetSummary } from "@/server/github/changesets/changeset-view";

export type { ChangesetDetail, ChangesetEventView, ChangesetProvenance, ChangesetSummary };
export type ChangesetPage = z.infer<(typeof listChangesetsRoute)["response"]>;
export type RunChangeset = z.infer<(typeof getRunChangesetRoute)["response"]>;
export type ChangesetState = ChangesetSummary["state"];
export type RiskLevel = ChangesetSummary["risk"]["level"];
export type RiskPart = ChangesetDetail["changeset"]["risk"]["parts"][number];
