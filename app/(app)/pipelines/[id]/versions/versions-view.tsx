"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  ArrowLeftIcon,
  ArrowRightLeftIcon,
  BookOpenTextIcon,
  CopyPlusIcon,
  EyeIcon,
  FlaskConicalIcon,
  HistoryIcon,
  MoreHorizontalIcon,
  PencilIcon,
  RocketIcon,
  ScaleIcon,
} from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { localized, localName } from "@/lib/i18n/localized";
import { errorMessage, useTRPC, useTRPCClient } from "@/lib/trpc/client";
import { Badge } from "@/lib/ui/badge";
import { Button } from "@/lib/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { cn } from "@/lib/ui/cn";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/lib/ui/dropdown-menu";
import { PageHeader } from "@/lib/ui/page-header";
import { VersionBadge } from "../../../_components/version-badge";
import { AuditLog } from "./audit-log";
import { MigrationDialog } from "./migration/migration-dialog";
import { MigrationsCard } from "./migration/migrations-card";
import type { MigrationTarget } from "./migration/types";
import { NoteDialog, type NoteAction } from "./note-dialog";
import { PilotDialog } from "./pilot-dialog";
import { PilotWindow, StatusBadge } from "./parts";
import type { Overview, PilotRow, VersionRow } from "./types";

/** The "Versions & pilots" page: what runs now, every version with what may be done to it, and the audit log. */
export function VersionsView({ pipelineId, initial }: { pipelineId: string; initial: Overview }) {
  const t = useTranslations("versions");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const overview = useQuery({ ...trpc.versions.overview.queryOptions({ pipelineId }), initialData: initial });
  const data = overview.data;
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.versions.overview.queryKey({ pipelineId }) });
  const [pilotDialog, setPilotDialog] = useState<{ versionId: string | null } | null>(null);
  const [noteAction, setNoteAction] = useState<NoteAction | null>(null);
  const [migration, setMigration] = useState<MigrationTarget | null>(null);

  const published = data.versions.find((v) => v.status === "published") ?? null;
  const running = data.pilots.filter((p) => p.state !== "ended");
  const canPilot = data.versions.some((v) => v.allowed.includes("pilot"));
  const name = localized(data.pipeline.name, locale);

  return (
    <div data-testid="versions-page">
      <Link
        href="/pipelines"
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeftIcon className="size-4" />
        {t("back")}
      </Link>
      <PageHeader
        title={t("title", { name })}
        description={t("subtitle")}
        actions={
          <>
            <Button variant="outline" asChild>
              <Link href={`/pipelines/${pipelineId}/edit`}>
                <PencilIcon />
                {t("openEditor")}
              </Link>
            </Button>
            <Button
              onClick={() => setPilotDialog({ versionId: null })}
              disabled={!canPilot}
              title={canPilot ? undefined : t("nothingToPilot")}
              data-testid="start-pilot"
            >
              <FlaskConicalIcon />
              {t("startPilot")}
            </Button>
          </>
        }
      />
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="grid min-w-0 gap-6">
          <RunningNow
            published={published}
            running={running}
            versions={data.versions}
            onPromote={(v) => setNoteAction({ kind: "promote", version: v, published })}
            onEnd={(p) => setNoteAction({ kind: "endPilot", pilot: p })}
            pipelineId={pipelineId}
          />
          <VersionsList
            versions={data.versions}
            pipelineId={pipelineId}
            onPilot={(v) => setPilotDialog({ versionId: v.id })}
            onPromote={(v) => setNoteAction({ kind: "promote", version: v, published })}
            onRetire={(v) => setNoteAction({ kind: "retire", version: v })}
            onMigrate={
              published ? (v) => setMigration({ mode: "migrate", from: v, to: published }) : undefined
            }
          />
          <MigrationsCard pipelineId={pipelineId} onChanged={refresh} />
          <PilotHistory pilots={data.pilots.filter((p) => p.state === "ended")} />
        </div>
        <AuditLog entries={data.audit} />
      </div>
      <PilotDialog
        open={pilotDialog !== null}
        onOpenChange={(open) => !open && setPilotDialog(null)}
        preselect={pilotDialog?.versionId ?? null}
        versions={data.versions}
        teams={data.teams}
        pilots={data.pilots}
        onDone={refresh}
      />
      <NoteDialog
        action={noteAction}
        onClose={() => setNoteAction(null)}
        onDone={refresh}
        onMigrate={(a) => {
          setNoteAction(null);
          if (a.published) setMigration({ mode: "rollout", from: a.published, to: a.version });
        }}
      />
      <MigrationDialog target={migration} onClose={() => setMigration(null)} onChanged={refresh} />
    </div>
  );
}

function RunningNow({
  published,
  running,
  versions,
  onPromote,
  onEnd,
  pipelineId,
}: {
  published: VersionRow | null;
  running: PilotRow[];
  versions: VersionRow[];
  onPromote: (v: VersionRow) => void;
  onEnd: (p: PilotRow) => void;
  pipelineId: string;
}) {
  const t = useTranslations("versions");
  const format = useFormatter();
  const locale = useLocale();
  const pilotTeams = new Set(
    running.filter((p) => p.state === "active").flatMap((p) => p.teams.map((x) => x.id)),
  );
  return (
    <Card data-testid="running-now">
      <CardHeader>
        <CardTitle>{t("running.title")}</CardTitle>
        <CardDescription>{t("running.hint")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border bg-success/5 p-3">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              {published ? <VersionBadge number={published.number} status="published" /> : null}
              <span className="text-sm font-medium">
                {published ? t("running.published") : t("running.noPublished")}
              </span>
            </div>
            {published ? (
              <p className="mt-1 text-xs text-muted-foreground">
                {pilotTeams.size ? t("running.everyoneElse") : t("running.everyone")}
                {published.publishedAt
                  ? ` · ${t("running.since", { date: format.dateTime(published.publishedAt, { dateStyle: "medium" }) })}`
                  : ""}
                {` · ${t("deals", { open: published.deals.open, total: published.deals.total })}`}
              </p>
            ) : null}
          </div>
        </div>
        {running.length === 0 ? (
          <p className="rounded-lg border border-dashed p-4 text-sm text-muted-foreground">
            {t("running.none")}
          </p>
        ) : (
          running.map((p) => {
            const version = versions.find((v) => v.id === p.versionId);
            return (
              <div
                key={p.id}
                className="flex flex-wrap items-start justify-between gap-3 rounded-lg border border-violet-200 bg-violet-50/50 p-3 dark:border-violet-900 dark:bg-violet-950/30"
                data-testid="running-pilot"
              >
                <div className="min-w-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <VersionBadge number={p.versionNumber} status="pilot" />
                    <Badge variant={p.state === "active" ? "success" : "secondary"}>
                      {t(`pilotState.${p.state}`)}
                    </Badge>
                    <span className="text-sm font-medium">
                      {p.teams.map((team) => localName(team, locale)).join(t("listJoin"))}
                    </span>
                  </div>
                  <p className="mt-1 text-xs text-muted-foreground">
                    <PilotWindow pilot={p} />
                    {version
                      ? ` · ${t("deals", { open: version.deals.open, total: version.deals.total })}`
                      : ""}
                  </p>
                  {p.note ? <p className="mt-1.5 text-sm">{p.note}</p> : null}
                </div>
                <div className="flex flex-wrap gap-2">
                  <Button variant="outline" size="sm" asChild>
                    <Link
                      href={`/pipelines/${pipelineId}/versions/${p.versionId}/compare`}
                      data-testid="compare-pilot"
                    >
                      <ScaleIcon />
                      {t("actions.compare")}
                    </Link>
                  </Button>
                  <Button variant="outline" size="sm" onClick={() => onEnd(p)} data-testid="end-pilot">
                    {p.state === "scheduled" ? t("actions.cancelPilot") : t("actions.endPilot")}
                  </Button>
                  {version?.allowed.includes("promote") ? (
                    <Button size="sm" onClick={() => onPromote(version)} data-testid="promote">
                      <RocketIcon />
                      {t("actions.promote")}
                    </Button>
                  ) : null}
                </div>
              </div>
            );
          })
        )}
      </CardContent>
    </Card>
  );
}

function VersionsList({
  versions,
  pipelineId,
  onPilot,
  onPromote,
  onRetire,
  onMigrate,
}: {
  versions: VersionRow[];
  pipelineId: string;
  onPilot: (v: VersionRow) => void;
  onPromote: (v: VersionRow) => void;
  onRetire: (v: VersionRow) => void;
  /** Migrating a version's open deals to the published one (when there is one). */
  onMigrate?: (v: VersionRow) => void;
}) {
  const t = useTranslations("versions");
  const tm = useTranslations("migrations.entry");
  const format = useFormatter();
  const router = useRouter();
  const client = useTRPCClient();
  const [busy, setBusy] = useState(false);
  const newDraft = async (v: VersionRow) => {
    setBusy(true);
    try {
      await client.versions.newDraft.mutate({ versionId: v.id });
      router.push(`/pipelines/${pipelineId}/edit`);
    } catch (e) {
      toast.error(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("list.title")}</CardTitle>
        <CardDescription>{t("list.hint")}</CardDescription>
      </CardHeader>
      <CardContent className="p-0">
        <ul className="divide-y border-t" data-testid="versions-list">
          {versions.map((v) => (
            <li
              key={v.id}
              className="grid gap-3 px-5 py-4"
              data-testid="version-row"
              data-status={v.status}
              data-version={v.number}
            >
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-semibold tabular-nums">v{v.number}</span>
                  <StatusBadge status={v.status} />
                  {v.errors > 0 ? (
                    <Badge variant="destructive">{t("list.errors", { count: v.errors })}</Badge>
                  ) : null}
                  {v.deals.total > 0 ? (
                    <span className="text-xs text-muted-foreground">
                      {t("deals", { open: v.deals.open, total: v.deals.total })}
                    </span>
                  ) : null}
                </div>
                <p
                  className={cn(
                    "mt-1.5 text-sm break-words",
                    !v.changeNote && "text-muted-foreground italic",
                  )}
                >
                  {v.changeNote ?? t("list.noNote")}
                </p>
                <p className="mt-1 text-xs text-muted-foreground">
                  {t("list.created", {
                    name: v.createdBy?.name || "—",
                    date: format.dateTime(v.createdAt, { dateStyle: "medium", timeStyle: "short" }),
                  })}
                  {v.status === "draft"
                    ? ` · ${t("list.saved", { name: v.updatedBy?.name || "—", when: format.relativeTime(v.updatedAt) })}`
                    : v.publishedAt
                      ? ` · ${t("list.publishedAt", { date: format.dateTime(v.publishedAt, { dateStyle: "medium" }) })}`
                      : ""}
                </p>
              </div>
              <div className="flex flex-wrap items-center gap-2">
                {v.status === "draft" ? (
                  <Button variant="outline" size="sm" asChild>
                    <Link href={`/pipelines/${pipelineId}/edit`}>
                      <PencilIcon />
                      {t("actions.edit")}
                    </Link>
                  </Button>
                ) : (
                  <Button variant="outline" size="sm" asChild>
                    <Link href={`/pipelines/${pipelineId}/edit?version=${v.id}`}>
                      <EyeIcon />
                      {t("actions.view")}
                    </Link>
                  </Button>
                )}
                {v.allowed.includes("pilot") ? (
                  <Button variant="outline" size="sm" onClick={() => onPilot(v)} data-testid="pilot-version">
                    <FlaskConicalIcon />
                    {v.status === "pilot" ? t("actions.pilotAgain") : t("actions.pilot")}
                  </Button>
                ) : v.status === "draft" && v.errors > 0 ? (
                  <span className="text-xs text-destructive">{t("list.fixFirst")}</span>
                ) : null}
                {v.allowed.includes("promote") ? (
                  <Button size="sm" onClick={() => onPromote(v)} data-testid="promote-version">
                    <RocketIcon />
                    {t("actions.promote")}
                  </Button>
                ) : null}
                <DropdownMenu>
                  <DropdownMenuTrigger asChild>
                    <Button
                      variant="ghost"
                      size="icon"
                      className="size-8"
                      aria-label={t("actions.more", { number: v.number })}
                    >
                      <MoreHorizontalIcon />
                    </Button>
                  </DropdownMenuTrigger>
                  <DropdownMenuContent align="end">
                    <DropdownMenuItem asChild>
                      <Link href={`/pipelines/${pipelineId}/versions/${v.id}/rulebook`}>
                        <BookOpenTextIcon />
                        {t("actions.rulebook")}
                      </Link>
                    </DropdownMenuItem>
                    <DropdownMenuItem asChild>
                      <Link
                        href={`/pipelines/${pipelineId}/versions/${v.id}/simulate`}
                        data-testid="simulate-version"
                      >
                        <HistoryIcon />
                        {t("actions.simulate")}
                      </Link>
                    </DropdownMenuItem>
                    {v.status !== "draft" ? (
                      <DropdownMenuItem disabled={busy} onSelect={() => void newDraft(v)}>
                        <CopyPlusIcon />
                        {t("actions.newDraft")}
                      </DropdownMenuItem>
                    ) : null}
                    {onMigrate && (v.status === "pilot" || v.status === "retired") && v.deals.open > 0 ? (
                      <DropdownMenuItem onSelect={() => onMigrate(v)} data-testid="migrate-version">
                        <ArrowRightLeftIcon />
                        {tm("migrate")}
                      </DropdownMenuItem>
                    ) : null}
                    {v.allowed.includes("retire") ? (
                      <DropdownMenuItem onSelect={() => onRetire(v)} className="text-destructive">
                        {t("actions.retire")}
                      </DropdownMenuItem>
                    ) : null}
                  </DropdownMenuContent>
                </DropdownMenu>
              </div>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

function PilotHistory({ pilots }: { pilots: PilotRow[] }) {
  const t = useTranslations("versions");
  const locale = useLocale();
  if (pilots.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("history.title")}</CardTitle>
      </CardHeader>
      <CardContent className="p-0">
        <ul className="divide-y border-t">
          {pilots.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-5 py-3 text-sm">
              <VersionBadge number={p.versionNumber} status="pilot" />
              <span className="font-medium">
                {p.teams.map((team) => localName(team, locale)).join(t("listJoin"))}
              </span>
              <span className="text-xs text-muted-foreground">
                <PilotWindow pilot={p} />
                {p.endedByName ? ` · ${t("history.endedBy", { name: p.endedByName })}` : ""}
              </span>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
