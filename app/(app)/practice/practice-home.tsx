"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { GraduationCapIcon, PlusIcon, RotateCcwIcon, Trash2Icon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { toast } from "sonner";
import { localized } from "@/lib/i18n/localized";
import type { AppRouter } from "@/lib/server/api/root";
import { errorMessage, useTRPC, useTRPCClient } from "@/lib/trpc/client";
import { Badge } from "@/lib/ui/badge";
import { Button } from "@/lib/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/lib/ui/dialog";
import { Field } from "@/lib/ui/field";
import { Input } from "@/lib/ui/input";
import { PageHeader } from "@/lib/ui/page-header";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";
import { VersionBadge } from "../_components/version-badge";

type Outputs = inferRouterOutputs<AppRouter>["practice"];
type Mine = Outputs["mine"];
type Versions = Outputs["versions"];
type Members = Outputs["members"];

/** The practice page: one's practice deals, a new one on any version, and (trainers) who practised. */
export function PracticeHome({
  initialMine,
  versions,
  initialMembers,
}: {
  initialMine: Mine;
  versions: Versions;
  initialMembers: Members | null;
}) {
  const t = useTranslations("practice");
  const locale = useLocale();
  const format = useFormatter();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const mine = useQuery({ ...trpc.practice.mine.queryOptions(), initialData: initialMine });
  const [creating, setCreating] = useState(false);
  const remove = useMutation({
    mutationFn: (id: string) => client.practice.remove.mutate({ id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.practice.mine.queryKey() }),
    onError: (e) => toast.error(errorMessage(e)),
  });

  return (
    <div data-testid="practice-page">
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={
          <Button onClick={() => setCreating(true)} data-testid="practice-new">
            <PlusIcon />
            {t("new")}
          </Button>
        }
      />
      <div className="mb-6 flex items-start gap-3 rounded-lg border border-warning/40 bg-warning/10 px-4 py-3 text-sm">
        <GraduationCapIcon className="mt-0.5 size-4 shrink-0 text-[oklch(0.5_0.1_70)]" />
        <p>{t("sandbox")}</p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>{t("mine.title")}</CardTitle>
          <CardDescription>{t("mine.description")}</CardDescription>
        </CardHeader>
        <CardContent className="px-0">
          {mine.data.length === 0 ? (
            <p className="px-6 text-sm text-muted-foreground" data-testid="practice-empty">
              {t("mine.empty")}
            </p>
          ) : (
            <Table data-testid="practice-list">
              <TableHeader>
                <TableRow>
                  <TableHead className="pl-6">{t("mine.deal")}</TableHead>
                  <TableHead>{t("mine.process")}</TableHead>
                  <TableHead>{t("mine.stage")}</TableHead>
                  <TableHead>{t("mine.updated")}</TableHead>
                  <TableHead className="pr-6" />
                </TableRow>
              </TableHeader>
              <TableBody>
                {mine.data.map((d) => (
                  <TableRow key={d.id} data-testid="practice-row">
                    <TableCell className="pl-6 font-medium">
                      <Link href={`/practice/${d.id}`} className="hover:underline">
                        {d.title}
                      </Link>
                    </TableCell>
                    <TableCell>
                      <span className="mr-2">{localized(d.pipelineName, locale)}</span>
                      <VersionBadge number={d.versionNumber} status={d.versionStatus} />
                      {d.versionStatus === "draft" ? (
                        <Badge variant="warning" className="ml-1">
                          {t("draft")}
                        </Badge>
                      ) : null}
                    </TableCell>
                    <TableCell>
                      <Badge
                        variant={
                          d.outcome === "won" ? "success" : d.outcome === "lost" ? "destructive" : "secondary"
                        }
                      >
                        {localized(d.stageName, locale)}
                      </Badge>
                    </TableCell>
                    <TableCell className="text-muted-foreground">
                      {format.relativeTime(new Date(d.updatedAt))}
                    </TableCell>
                    <TableCell className="pr-6 text-right">
                      <Button
                        variant="ghost"
                        size="icon"
                        className="size-8"
                        aria-label={t("mine.delete", { title: d.title })}
                        disabled={remove.isPending}
                        onClick={() => remove.mutate(d.id)}
                      >
                        <Trash2Icon />
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      {initialMembers ? <MembersCard initial={initialMembers} /> : null}
      <NewPracticeDialog open={creating} onOpenChange={setCreating} versions={versions} />
    </div>
  );
}

function NewPracticeDialog({
  open,
  onOpenChange,
  versions,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  versions: Versions;
}) {
  const t = useTranslations("practice");
  const tc = useTranslations("common");
  const tv = useTranslations("versions");
  const locale = useLocale();
  const router = useRouter();
  const client = useTRPCClient();
  const id = useId();
  const published = versions.find((v) => v.status === "published") ?? versions[0];
  const [versionId, setVersionId] = useState(published?.id ?? "");
  const [title, setTitle] = useState("");
  const [account, setAccount] = useState("");
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => client.practice.create.mutate({ versionId, title, account }),
    onSuccess: ({ id: dealId }) => router.push(`/practice/${dealId}`),
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={tc("close")} data-testid="practice-new-dialog">
        <DialogHeader>
          <DialogTitle>{t("newDialog.title")}</DialogTitle>
          <DialogDescription>{t("newDialog.description")}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (!title.trim() || !account.trim()) return setError(t("newDialog.required"));
            setError(null);
            create.mutate();
          }}
        >
          <Field id={`${id}-version`} label={t("newDialog.version")}>
            <Select value={versionId} onValueChange={setVersionId}>
              <SelectTrigger id={`${id}-version`} data-testid="practice-version">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {versions.map((v) => (
                  <SelectItem key={v.id} value={v.id}>
                    {localized(v.pipelineName, locale)} · v{v.number} · {tv(`status.${v.status}` as never)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </Field>
          <Field id={`${id}-title`} label={t("newDialog.dealTitle")}>
            <Input
              id={`${id}-title`}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              placeholder={t("newDialog.titlePlaceholder")}
              data-testid="practice-title"
            />
          </Field>
          <Field id={`${id}-account`} label={t("newDialog.account")} error={error ?? undefined}>
            <Input
              id={`${id}-account`}
              value={account}
              onChange={(e) => setAccount(e.target.value)}
              placeholder={t("newDialog.accountPlaceholder")}
              data-testid="practice-account"
            />
          </Field>
          <DialogFooter>
            <Button type="submit" disabled={create.isPending} data-testid="practice-create">
              {t("newDialog.start")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function MembersCard({ initial }: { initial: Members }) {
  const t = useTranslations("practice");
  const tr = useTranslations("roles");
  const format = useFormatter();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const members = useQuery({ ...trpc.practice.members.queryOptions(), initialData: initial });
  // Resetting clears another person's work: the first click asks, the second does it.
  const [confirming, setConfirming] = useState<string | null>(null);
  const reset = useMutation({
    mutationFn: (userId: string) => client.practice.reset.mutate({ userId }),
    onSuccess: ({ removed }) => {
      setConfirming(null);
      toast.success(t("members.done", { count: removed }));
      void queryClient.invalidateQueries({ queryKey: trpc.practice.members.queryKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.practice.mine.queryKey() });
    },
    onError: (e) => toast.error(errorMessage(e)),
  });
  return (
    <Card className="mt-6">
      <CardHeader>
        <CardTitle>{t("members.title")}</CardTitle>
        <CardDescription>{t("members.description")}</CardDescription>
      </CardHeader>
      <CardContent className="px-0">
        <Table data-testid="practice-members">
          <TableHeader>
            <TableRow>
              <TableHead className="pl-6">{t("members.member")}</TableHead>
              <TableHead>{t("members.role")}</TableHead>
              <TableHead className="text-right">{t("members.deals")}</TableHead>
              <TableHead>{t("members.last")}</TableHead>
              <TableHead className="pr-6" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {members.data.map((m) => (
              <TableRow key={m.userId} data-testid="practice-member" data-email={m.email}>
                <TableCell className="pl-6">
                  <div className="font-medium">{m.name}</div>
                  <div className="text-xs text-muted-foreground">{m.email}</div>
                </TableCell>
                <TableCell>{tr(m.role)}</TableCell>
                <TableCell className="text-right tabular-nums">{m.deals}</TableCell>
                <TableCell className="text-muted-foreground">
                  {m.lastPractised ? format.relativeTime(new Date(m.lastPractised)) : "—"}
                </TableCell>
                <TableCell className="pr-6 text-right">
                  <Button
                    variant={confirming === m.userId ? "destructive" : "outline"}
                    size="sm"
                    disabled={m.deals === 0 || reset.isPending}
                    onClick={() =>
                      confirming === m.userId ? reset.mutate(m.userId) : setConfirming(m.userId)
                    }
                    onBlur={() => setConfirming((c) => (c === m.userId ? null : c))}
                    data-testid="practice-reset"
                  >
                    <RotateCcwIcon />
                    {confirming === m.userId ? t("members.confirm", { count: m.deals }) : t("members.reset")}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
