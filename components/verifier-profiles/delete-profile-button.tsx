"use client";

import { tenantPath } from "../api/api-client";
import { DangerAction } from "../ui/danger-action";
import { plural } from "../ui/format";
import { profileKeys, type VerifierProfileView } from "./types";

export function DeleteProfileButton({ tenant, profile }: { tenant: string; profile: VerifierProfileView }) {
  const used = profile.usedBy.total;
  return (
    <DangerAction
      label="Delete"
      subject={profile.name}
      title={`Delete ${profile.name}?`}
      description={used
        ? `${plural(used, "repository", "repositories")} still use${used === 1 ? "s" : ""} this profile, so it cannot be deleted: give ${used === 1 ? "it" : "them"} another profile first (Admin → Repositories).`
        : "No repository uses it. Runs that already used it keep their own copy of its steps, so their reports stay as they are."}
      confirmLabel="Delete profile"
      path={tenantPath(tenant, `verifier-profiles/${profile.id}`)}
      invalidates={[profileKeys.all(tenant)]}
      notice={() => `${profile.name} was deleted.`}
    />
  );
}
