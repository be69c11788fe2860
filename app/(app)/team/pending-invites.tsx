"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { MailIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { toast } from "sonner";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";

export function PendingInvites() {
  const t = useTranslations("team");
  const tr = useTranslations("roles");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invites = useQuery(trpc.users.invites.queryOptions());
  const revoke = useMutation(
    trpc.users.revokeInvite.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.users.invites.queryKey() }),
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  if (!invites.data?.length) return null;
  return (
    <div className="mt-4 border-t px-5 pt-4">
      <h4 className="mb-2 text-sm font-medium">{t("pendingInvites")}</h4>
      <ul className="grid gap-2">
        {invites.data.map((i) => (
          <li key={i.id} className="flex flex-wrap items-center gap-3 text-sm">
            <MailIcon className="size-4 text-muted-foreground" />
            <span className="font-medium">{i.email}</span>
            <span className="text-muted-foreground">{tr(i.role)}</span>
            <span className="text-xs text-muted-foreground">
              {t("expires", { date: format.dateTime(i.expiresAt, { dateStyle: "medium" }) })}
            </span>
            <Button
              variant="ghost"
              size="sm"
              className="ml-auto"
              onClick={() => revoke.mutate({ inviteId: i.id })}
            >
              {t("revoke")}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
