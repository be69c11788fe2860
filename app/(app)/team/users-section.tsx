"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRoundIcon, MoreHorizontalIcon, UserCheckIcon, UserXIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { ROLES, type Role } from "@/lib/roles";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { localName } from "@/lib/i18n/localized";
import { Badge } from "@/lib/ui/badge";
import { Button } from "@/lib/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/lib/ui/card";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/lib/ui/dropdown-menu";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";
import { AddUserDialog } from "./add-user-dialog";
import { PendingInvites } from "./pending-invites";
import { SecretDialog } from "./secret-dialog";

export function UsersSection({ isAdmin, currentUserId }: { isAdmin: boolean; currentUserId: string }) {
  const t = useTranslations("team");
  const tr = useTranslations("roles");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.users.list.queryOptions());
  const teams = useQuery(trpc.teams.list.queryOptions());
  const [secret, setSecret] = useState<{ title: string; value: string; hint: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
  const onError = (e: unknown) => toast.error(errorMessage(e));
  const setRole = useMutation(
    trpc.users.setRole.mutationOptions({
      onSuccess: () => {
        toast.success(t("saved"));
        void refresh();
      },
      onError,
    }),
  );
  const setStatus = useMutation(
    trpc.users.setStatus.mutationOptions({
      onSuccess: () => {
        toast.success(t("saved"));
        void refresh();
      },
      onError,
    }),
  );
  const reset = useMutation(
    trpc.users.resetPassword.mutationOptions({
      onSuccess: (r) => setSecret({ title: t("resetDone"), value: r.password, hint: t("oneTimeHint") }),
      onError,
    }),
  );
  const teamById = new Map((teams.data ?? []).map((tm) => [tm.id, tm]));

  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle>{t("members", { count: users.data?.length ?? 0 })}</CardTitle>
        {isAdmin ? <AddUserDialog teams={teams.data ?? []} onCreated={refresh} /> : null}
      </CardHeader>
      <CardContent className="px-0">
        <Table data-testid="users-table">
          <TableHeader>
            <TableRow>
              <TableHead>{t("col.name")}</TableHead>
              <TableHead>{t("col.role")}</TableHead>
              <TableHead className="hidden md:table-cell">{t("col.teams")}</TableHead>
              <TableHead>{t("col.status")}</TableHead>
              {isAdmin ? <TableHead className="w-10" /> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {(users.data ?? []).map((u) => (
              <TableRow key={u.id} className={u.active ? undefined : "opacity-60"}>
                <TableCell>
                  <div className="font-medium">{u.name}</div>
                  <div className="text-xs text-muted-foreground">{u.email}</div>
                </TableCell>
                <TableCell>
                  {isAdmin && u.id !== currentUserId ? (
                    <Select
                      value={u.role}
                      onValueChange={(role) => setRole.mutate({ userId: u.id, role: role as Role })}
                    >
                      <SelectTrigger className="h-8 w-32" aria-label={t("changeRole", { name: u.name })}>
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        {ROLES.map((r) => (
                          <SelectItem key={r} value={r}>
                            {tr(r)}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  ) : (
                    tr(u.role)
                  )}
                </TableCell>
                <TableCell className="hidden md:table-cell">
                  <div className="flex flex-wrap gap-1">
                    {u.teamIds.map((id) => {
                      const team = teamById.get(id);
                      return team ? (
                        <Badge key={id} variant="secondary">
                          {localName(team, locale)}
                        </Badge>
                      ) : null;
                    })}
                  </div>
                </TableCell>
                <TableCell>
                  {u.active ? (
                    u.mustChangePassword ? (
                      <Badge variant="warning">{t("status.pending")}</Badge>
                    ) : (
                      <Badge variant="success">{t("status.active")}</Badge>
                    )
                  ) : (
                    <Badge variant="secondary">{t("status.deactivated")}</Badge>
                  )}
                </TableCell>
                {isAdmin ? (
                  <TableCell>
                    {u.id !== currentUserId ? (
                      <DropdownMenu>
                        <DropdownMenuTrigger asChild>
                          <Button variant="ghost" size="icon" aria-label={t("actionsFor", { name: u.name })}>
                            <MoreHorizontalIcon />
                          </Button>
                        </DropdownMenuTrigger>
                        <DropdownMenuContent align="end">
                          {u.active ? (
                            <DropdownMenuItem
                              onSelect={() => setStatus.mutate({ userId: u.id, active: false })}
                            >
                              <UserXIcon />
                              {t("deactivate")}
                            </DropdownMenuItem>
                          ) : (
                            <DropdownMenuItem
                              onSelect={() => setStatus.mutate({ userId: u.id, active: true })}
                            >
                              <UserCheckIcon />
                              {t("reactivate")}
                            </DropdownMenuItem>
                          )}
                          <DropdownMenuItem onSelect={() => reset.mutate({ userId: u.id })}>
                            <KeyRoundIcon />
                            {t("resetPassword")}
                          </DropdownMenuItem>
                        </DropdownMenuContent>
                      </DropdownMenu>
                    ) : null}
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {isAdmin ? <PendingInvites /> : null}
      </CardContent>
      <SecretDialog secret={secret} onClose={() => setSecret(null)} />
    </Card>
  );
}
