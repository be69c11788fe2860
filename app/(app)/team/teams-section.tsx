"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { PencilIcon, PlusIcon, Trash2Icon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { localized, localName } from "@/lib/i18n/localized";
import { Button } from "@/lib/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { TeamDialog, type TeamDraft } from "./team-dialog";

export function TeamsSection() {
  const t = useTranslations("team");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const teams = useQuery(trpc.teams.list.queryOptions());
  const pipelines = useQuery(trpc.pipelines.newDealForms.queryOptions());
  const pipelineName = (id: string | null) => {
    const p = id ? pipelines.data?.find((x) => x.pipelineId === id) : null;
    return p ? localized(p.name, locale) : null;
  };
  const users = useQuery(trpc.users.list.queryOptions());
  const [editing, setEditing] = useState<TeamDraft | null>(null);
  const userById = new Map((users.data ?? []).map((u) => [u.id, u]));
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.teams.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }),
    ]);
  const remove = useMutation(
    trpc.teams.delete.mutationOptions({
      onSuccess: () => {
        toast.success(t("teamDeleted"));
        void refresh();
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );

  return (
    <section>
      <div className="mb-3 flex items-center justify-between">
        <h2 className="text-lg font-semibold">{t("teams")}</h2>
        <Button
          size="sm"
          variant="outline"
          onClick={() =>
            setEditing({ name: "", nameEn: "", managerId: null, memberIds: [], defaultPipelineId: null })
          }
        >
          <PlusIcon />
          {t("newTeam")}
        </Button>
      </div>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {(teams.data ?? []).map((team) => (
          <Card key={team.id} data-testid="team-card">
            <CardHeader className="flex-row items-start justify-between gap-2">
              <div>
                <CardTitle>{localName(team, locale)}</CardTitle>
                <CardDescription className="mt-1">
                  {t("managedBy", {
                    name: (team.managerId && userById.get(team.managerId)?.name) || t("noManager"),
                  })}
                </CardDescription>
              </div>
              <div className="flex">
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={t("editTeam", { name: localName(team, locale) })}
                  onClick={() =>
                    setEditing({
                      id: team.id,
                      name: team.name,
                      nameEn: team.nameEn ?? "",
                      managerId: team.managerId,
                      memberIds: team.memberIds,
                      defaultPipelineId: team.defaultPipelineId,
                    })
                  }
                >
                  <PencilIcon />
                </Button>
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={t("deleteTeam", { name: localName(team, locale) })}
                  onClick={() =>
                    window.confirm(t("confirmDelete", { name: localName(team, locale) })) &&
                    remove.mutate({ teamId: team.id })
                  }
                >
                  <Trash2Icon />
                </Button>
              </div>
            </CardHeader>
            <CardContent>
              <p className="mb-2 text-xs text-muted-foreground">
                {t("memberCount", { count: team.memberIds.length })}
                {pipelineName(team.defaultPipelineId) ? (
                  <span data-testid="team-pipeline">
                    {" · "}
                    {t("startsIn", { pipeline: pipelineName(team.defaultPipelineId)! })}
                  </span>
                ) : null}
              </p>
              <div className="flex flex-wrap gap-1.5">
                {team.memberIds.map((id) => (
                  <span key={id} className="rounded-full bg-muted px-2.5 py-0.5 text-xs">
                    {userById.get(id)?.name ?? "…"}
                  </span>
                ))}
              </div>
            </CardContent>
          </Card>
        ))}
      </div>
      {editing ? (
        <TeamDialog
          draft={editing}
          users={(users.data ?? []).filter((u) => u.active)}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void refresh();
          }}
        />
      ) : null}
    </section>
  );
}
