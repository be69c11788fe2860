"use client";

import { useMutation } from "@tanstack/react-query";
import { InfoIcon } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { localName } from "@/lib/i18n/localized";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { Checkbox } from "@/lib/ui/checkbox";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFormActions,
  DialogHeader,
  DialogTitle,
} from "@/lib/ui/dialog";
import { Input } from "@/lib/ui/input";
import { Label } from "@/lib/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import { dayOf, endAfterDay, lastDay, startOfDay } from "./dates";
import type { PilotRow, TeamRow, VersionRow } from "./types";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  preselect: string | null;
  versions: VersionRow[];
  teams: TeamRow[];
  pilots: PilotRow[];
  onDone: () => void;
};

/** Start a pilot: which version, which teams, from when until when, and why. */
export function PilotDialog(props: Props) {
  const tc = useTranslations("common");
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      <DialogContent closeLabel={tc("close")} className="sm:max-w-xl" data-testid="pilot-dialog">
        {/* Mounted per opening, so the form starts fresh for the version it was opened for. */}
        {props.open ? <PilotForm key={props.preselect ?? ""} {...props} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function PilotForm({ onOpenChange, preselect, versions, teams, pilots, onDone }: Props) {
  const t = useTranslations("versions.pilotDialog");
  const tv = useTranslations("versions");
  const tc = useTranslations("common");
  const locale = useLocale();
  const format = useFormatter();
  const trpc = useTRPC();
  const id = useId();
  const candidates = versions.filter((v) => v.allowed.includes("pilot"));
  const blocked = versions.filter((v) => v.status === "draft" && v.errors > 0);
  const today = dayOf(new Date());
  const [versionId, setVersionId] = useState(
    () => (candidates.find((v) => v.id === preselect) ?? candidates[0])?.id ?? "",
  );
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [start, setStart] = useState(today);
  const [end, setEnd] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const start$ = useMutation(trpc.versions.startPilot.mutationOptions());
  const version = candidates.find((v) => v.id === versionId);
  /** Teams in a pilot that is not over: the server refuses overlapping dates, say so upfront. */
  const busyWith = (teamId: string) =>
    pilots.find((p) => p.state !== "ended" && p.teams.some((x) => x.id === teamId));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!version) return setError(t("versionRequired"));
    if (teamIds.length === 0) return setError(t("teamsRequired"));
    if (!note.trim()) return setError(t("noteRequired"));
    if (end && end < start) return setError(t("endBeforeStart"));
    setError(null);
    try {
      await start$.mutateAsync({
        versionId: version.id,
        expectedRevision: version.status === "draft" ? version.revision : undefined,
        teamIds,
        // Today means now (the server starts a pilot no earlier than when it is set up).
        startsAt: start === today ? new Date() : startOfDay(start),
        endsAt: end ? endAfterDay(end) : null,
        note: note.trim(),
      });
      toast.success(t("started", { number: version.number }));
      onDone();
      onOpenChange(false);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <>
      <DialogHeader>
        <DialogTitle>{t("title")}</DialogTitle>
        <DialogDescription>{t("description")}</DialogDescription>
      </DialogHeader>
      <form className="grid gap-5" onSubmit={submit}>
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-version`}>{t("version")}</Label>
          <Select value={versionId} onValueChange={setVersionId}>
            <SelectTrigger id={`${id}-version`} data-testid="pilot-version-select">
              <SelectValue placeholder={t("versionPlaceholder")} />
            </SelectTrigger>
            <SelectContent>
              {candidates.map((v) => (
                <SelectItem key={v.id} value={v.id}>
                  {t("versionOption", { number: v.number, status: tv(`status.${v.status}`) })}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          {blocked.length ? (
            <p className="text-xs text-muted-foreground">
              {t("blocked", { versions: blocked.map((v) => `v${v.number}`).join(", ") })}
            </p>
          ) : null}
          {version?.status === "draft" ? (
            <p className="flex items-start gap-1.5 rounded-md bg-muted/60 p-2 text-xs text-muted-foreground">
              <InfoIcon className="mt-px size-3.5 shrink-0" />
              {t("freezes", { number: version.number })}
            </p>
          ) : null}
        </div>
        <fieldset className="grid gap-2">
          <legend className="mb-1.5 text-sm font-medium">{t("teams")}</legend>
          {teams.length === 0 ? <p className="text-sm text-muted-foreground">{t("noTeams")}</p> : null}
          <div className="grid gap-2 sm:grid-cols-2">
            {teams.map((team) => {
              const checked = teamIds.includes(team.id);
              const busy = busyWith(team.id);
              return (
                <label
                  key={team.id}
                  className="flex cursor-pointer items-start gap-2.5 rounded-md border p-2.5 text-sm has-[[data-state=checked]]:border-primary has-[[data-state=checked]]:bg-primary/5"
                >
                  <Checkbox
                    checked={checked}
                    onCheckedChange={(on) =>
                      setTeamIds((ids) => (on ? [...ids, team.id] : ids.filter((x) => x !== team.id)))
                    }
                    className="mt-0.5"
                    data-testid={`pilot-team-${team.nameEn ?? team.name}`}
                  />
                  <span className="min-w-0">
                    <span className="block font-medium">{localName(team, locale)}</span>
                    {busy ? (
                      <span className="block text-xs text-muted-foreground">
                        {busy.endsAt
                          ? t("busyUntil", {
                              number: busy.versionNumber,
                              date: format.dateTime(lastDay(busy.endsAt), { dateStyle: "medium" }),
                            })
                          : t("busy", { number: busy.versionNumber })}
                      </span>
                    ) : null}
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="grid gap-1.5">
            <Label htmlFor={`${id}-start`}>{t("start")}</Label>
            <Input
              id={`${id}-start`}
              type="date"
              min={today}
              value={start}
              required
              onChange={(e) => setStart(e.target.value || today)}
              data-testid="pilot-start"
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor={`${id}-end`}>{t("end")}</Label>
            <Input
              id={`${id}-end`}
              type="date"
              min={start}
              value={end}
              onChange={(e) => setEnd(e.target.value)}
              data-testid="pilot-end"
            />
            <p className="text-xs text-muted-foreground">{t("endHint")}</p>
          </div>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-note`}>{t("note")}</Label>
          <textarea
            id={`${id}-note`}
            value={note}
            maxLength={1000}
            rows={3}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t("notePlaceholder")}
            className="flex min-h-20 w-full rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs placeholder:text-muted-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
            data-testid="pilot-note"
          />
        </div>
        <DialogFormActions
          error={error}
          busy={start$.isPending}
          disabled={!version}
          cancel={tc("cancel")}
          onCancel={() => onOpenChange(false)}
          submit={t("submit")}
          submitTestId="pilot-submit"
        />
      </form>
    </>
  );
}
