"use client";

import { useQuery } from "@tanstack/react-query";
import { UserPlus, X } from "lucide-react";
import type { MemberView } from "@/server/members/member-view";
import type { TeamView } from "@/server/teams/team-view";
import { api, tenantPath } from "../api/api-client";
import { ApiError, errorMessage } from "../api/api-error";
import { keys } from "../api/query-keys";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { FormDialog } from "../ui/form-dialog";
import { SelectField } from "../ui/select-field";
import { Skeleton } from "../ui/skeleton";
import { useAfterChange } from "../ui/use-after-change";
import { useFormDialog } from "../ui/use-form-dialog";

/** A team's people; managers add tenant members and remove them (approval thresholds may name teams). */
export function TeamMembers({ tenant, team, canManage }: { tenant: string; team: TeamView; canManage: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      {team.members.length === 0 ? <span className="text-xs text-slate-600">No members</span> : null}
      {team.members.map((m) => (
        <span key={m.userId} className="inline-flex items-center gap-0.5 rounded-full bg-slate-100 py-0.5 pr-0.5 pl-2 text-xs text-slate-800 ring-1 ring-slate-200 ring-inset" title={m.email}>
          {m.name}
          {canManage ? <RemoveMember tenant={tenant} team={team} member={m} /> : <span className="pr-1.5" />}
        </span>
      ))}
      {canManage ? <AddTeamMemberDialog tenant={tenant} team={team} /> : null}
    </div>
  );
}

function RemoveMember({ tenant, team, member }: { tenant: string; team: TeamView; member: TeamView["members"][number] }) {
  const afterChange = useAfterChange();
  return (
    <ConfirmDialog
      trigger={
        <button type="button" aria-label={`Remove ${member.name} from team ${team.name}`} className="rounded-full p-0.5 text-slate-600 hover:bg-slate-200 hover:text-red-700 focus-visible:outline-2 focus-visible:outline-indigo-600">
          <X aria-hidden="true" className="size-3" />
        </button>
      }
      title={`Remove ${member.name} from ${team.name}?`}
      description={`${member.email} stays a member of the tenant. Approval rules that name team ${team.slug} stop counting them.`}
      confirmLabel="Remove from team"
      onConfirm={async () => {
        await api(tenantPath(tenant, `teams/${team.id}/members/${member.userId}`), { method: "DELETE" });
        await afterChange([keys.teams(tenant)], `${member.name} was removed from ${team.name}.`);
      }}
    />
  );
}

function AddTeamMemberDialog({ tenant, team }: { tenant: string; team: TeamView }) {
  const dialog = useFormDialog({
    initial: () => ({ userId: "" }),
    submit: async ({ userId }) => {
      if (!userId) throw new ApiError(422, "validation_failed", "Choose a person.", [{ path: "body.userId", message: "choose a person to add" }]);
      return api<TeamView>(tenantPath(tenant, `teams/${team.id}/members`), { method: "POST", body: { userId } });
    },
    invalidates: [keys.teams(tenant)],
    notice: (t): string => `${t.members.find((m) => !inTeam.has(m.userId))?.name ?? "The person"} was added to ${t.name}.`,
  });
  // The tenant's people, asked for when the dialog opens.
  const members = useQuery({
    queryKey: keys.members(tenant),
    queryFn: ({ signal }) => api<{ members: MemberView[] }>(tenantPath(tenant, "members"), { signal }),
    enabled: dialog.open,
  });
  const inTeam = new Set(team.members.map((m) => m.userId));
  const candidates = (members.data?.members ?? []).filter((m) => !inTeam.has(m.userId));
  return (
    <FormDialog
      dialog={dialog}
      trigger={
        <Button variant="ghost" size="sm" className="text-indigo-700">
          <UserPlus aria-hidden="true" className="size-3.5" />
          Add<span className="sr-only"> a member to team {team.name}</span>
        </Button>
      }
      title={`Add a member to ${team.name}`}
      description="Only members of this tenant can join its teams."
      submitLabel="Add to team"
      pendingLabel="Adding…"
    >
      {members.isError ? (
        <Alert tone="error" title="The tenant's members could not be loaded">{errorMessage(members.error)}</Alert>
      ) : !members.data ? (
        <div role="status" aria-label="Loading members"><Skeleton className="h-9" /></div>
      ) : candidates.length === 0 ? (
        <p className="text-sm text-slate-700">Every member of the tenant is already in this team.</p>
      ) : (
        <SelectField
          id={`team-member-${team.id}`}
          label="Person"
          required
          options={[{ value: "", label: "Choose a person…" }, ...candidates.map((m) => ({ value: m.userId, label: `${m.name} — ${m.email}` }))]}
          value={dialog.values.userId}
          onValue={(v) => dialog.set("userId", v)}
          error={dialog.errors.userId}
        />
      )}
    </FormDialog>
  );
}
