"use client";

import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { Button } from "../ui/button";
import { FormDialog } from "../ui/form-dialog";
import { TextField } from "../ui/text-field";
import { useFormDialog } from "../ui/use-form-dialog";
import type { MemberView } from "./types";

/** Links a member to their GitHub login; an empty field unlinks. */
export function GithubLoginDialog({ tenant, member }: { tenant: string; member: MemberView }) {
  const dialog = useFormDialog({
    initial: () => ({ githubLogin: member.githubLogin ?? "" }),
    submit: ({ githubLogin }) => api<MemberView>(tenantPath(tenant, `members/${member.id}/github-login`), { method: "PUT", body: { githubLogin: githubLogin.trim() || null } }),
    invalidates: [keys.members(tenant)],
    notice: (m) => (m.githubLogin ? `${m.email} is linked to GitHub login ${m.githubLogin}.` : `${m.email} is no longer linked to a GitHub login.`),
  });

  return (
    <FormDialog
      dialog={dialog}
      trigger={
        <Button variant="ghost" size="sm">
          GitHub login<span className="sr-only"> of {member.email}</span>
        </Button>
      }
      title={`GitHub login of ${member.name}`}
      description="Their reviews of agent PRs they asked for never count towards the reviews policy requires. Leave empty to unlink."
      submitLabel="Save"
      pendingLabel="Saving…"
    >
      <TextField
        id={`github-login-${member.id}`}
        label="GitHub login"
        hint="Letters, digits and single hyphens (max 39), e.g. octocat."
        autoComplete="off"
        spellCheck={false}
        maxLength={39}
        optional
        {...dialog.field("githubLogin")}
      />
    </FormDialog>
  );
}
