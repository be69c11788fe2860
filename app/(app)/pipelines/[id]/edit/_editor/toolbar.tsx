"use client";

import { TRPCClientError } from "@trpc/client";
import {
  ArrowLeftIcon,
  CheckCircle2Icon,
  CircleAlertIcon,
  CloudOffIcon,
  DownloadIcon,
  HistoryIcon,
  KeyboardIcon,
  Loader2Icon,
  Maximize2Icon,
  NetworkIcon,
  Redo2Icon,
  RocketIcon,
  TriangleAlertIcon,
  Undo2Icon,
  UploadIcon,
} from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useRef, useState, type ReactNode, type RefObject } from "react";
import { toast } from "sonner";
import { localized } from "@/lib/i18n/localized";
import { errorMessage, useTRPCClient } from "@/lib/trpc/client";
import { Badge } from "@/lib/ui/badge";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/lib/ui/dialog";
import { Label } from "@/lib/ui/label";
import type { PipelineDefinition } from "@/workflows/definition/schema";
import { parseDefinitionJson } from "@/workflows/definition/parse-json";
import type { EditorVersion } from "./editor";
import type { LiveCheck } from "./live-check";
import type { SaveState } from "./use-autosave";
import { saveFile } from "../../../../_components/download-file";
import { VersionsSheet } from "./versions-sheet";

export type VersionSummary = {
  id: string;
  number: number;
  status: string;
  revision: number;
  createdAt: string | Date;
  createdBy: { id: string; name: string } | null;
  updatedAt: string | Date | null;
  updatedBy: { id: string; name: string } | string | null;
  publishedAt: string | Date | null;
  changeNote: string | null;
};

function IconButton({
  label,
  shortcut,
  onClick,
  disabled,
  children,
  testId,
}: {
  label: string;
  shortcut?: string;
  onClick: () => void;
  disabled?: boolean;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Button
      variant="ghost"
      size="icon"
      className="size-8 text-muted-foreground hover:text-foreground"
      aria-label={label}
      aria-keyshortcuts={shortcut}
      title={shortcut ? `${label} (${shortcut})` : label}
      onClick={onClick}
      disabled={disabled}
      data-testid={testId}
    >
      {children}
    </Button>
  );
}

function SaveIndicator({ state }: { state: SaveState }) {
  const t = useTranslations("editor.save");
  const icon = {
    saved: <CheckCircle2Icon className="size-3.5 text-success" />,
    saving: <Loader2Icon className="size-3.5 animate-spin" />,
    unsaved: <span className="size-2 rounded-full bg-warning" />,
    failed: <CloudOffIcon className="size-3.5 text-destructive" />,
    conflict: <CircleAlertIcon className="size-3.5 text-destructive" />,
  }[state];
  return (
    <span
      data-testid="save-state"
      data-state={state}
      role="status"
      className="inline-flex items-center gap-1.5 text-xs text-muted-foreground"
    >
      {icon}
      {t(state)}
    </span>
  );
}

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

export function Toolbar({
  pipeline,
  version,
  definition,
  readOnly,
  compare,
  saveState,
  canUndo,
  canRedo,
  check,
  onUndo,
  onRedo,
  onLayout,
  onFit,
  onImport,
  onShowProblems,
  saveNow,
  revision,
  onPublished,
}: {
  pipeline: { id: string; key: string; name: { zh: string; en: string }; versions: VersionSummary[] };
  version: EditorVersion;
  definition: PipelineDefinition;
  readOnly: boolean;
  compare?: { against: EditorVersion };
  saveState: SaveState;
  canUndo: boolean;
  canRedo: boolean;
  check: LiveCheck;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
  onFit: () => void;
  onImport: (definition: PipelineDefinition) => void;
  onShowProblems: () => void;
  saveNow: () => Promise<boolean>;
  revision: RefObject<number>;
  onPublished: () => void;
}) {
  const t = useTranslations("editor");
  const locale = useLocale();
  const mod = isMac() ? "⌘" : "Ctrl+";
  const [publishing, setPublishing] = useState(false);
  const [help, setHelp] = useState(false);
  const [versions, setVersions] = useState(false);
  const [importErrors, setImportErrors] = useState<string[] | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const te = useTranslations("definitionErrors");
  const tv = useTranslations("versions");

  const exportJson = () => {
    const blob = new Blob([JSON.stringify(definition, null, 2) + "\n"], { type: "application/json" });
    saveFile(blob, `${pipeline.key}-v${version.number}.json`);
  };
  const importFile = async (file: File) => {
    const text = await file.text();
    const parsed = parseDefinitionJson(text);
    if (parsed.ok) {
      onImport(parsed.definition);
      toast.success(t("importExport.imported"));
    } else {
      setImportErrors(
        parsed.errors.map((e) => {
          const message = te(e.key as never, (e.values ?? {}) as never);
          return e.path ? `${e.path}: ${message}` : message;
        }),
      );
    }
  };

  const blocked = check.errors > 0;
  const statusLabel = tv(`status.${version.status}`);

  return (
    <header className="flex h-14 shrink-0 items-center gap-2 border-b bg-card px-3">
      <Button variant="ghost" size="icon" className="size-8" asChild>
        <Link href="/pipelines" aria-label={t("back")} title={t("back")}>
          <ArrowLeftIcon />
        </Link>
      </Button>
      <div className="flex min-w-0 items-center gap-2">
        <h1 className="truncate text-sm font-semibold" data-testid="editor-title">
          {localized(pipeline.name, locale)}
        </h1>
        <Badge
          variant={
            version.status === "draft" ? "warning" : version.status === "published" ? "success" : "secondary"
          }
          data-testid="version-badge"
          data-version={version.number}
        >
          {t("versionBadge", { number: version.number, status: statusLabel })}
        </Badge>
        {compare ? (
          <Badge variant="outline">{t("compare.against", { number: compare.against.number })}</Badge>
        ) : null}
        {readOnly ? (
          <Badge variant="secondary" data-testid="read-only">
            {t("readOnly")}
          </Badge>
        ) : (
          <SaveIndicator state={saveState} />
        )}
      </div>
      <div className="mx-2 h-5 w-px bg-border" />
      <div className="flex items-center gap-0.5" role="toolbar" aria-label={t("toolbar")}>
        {!readOnly ? (
          <>
            <IconButton
              label={t("undo")}
              shortcut={`${mod}Z`}
              onClick={onUndo}
              disabled={!canUndo}
              testId="undo"
            >
              <Undo2Icon />
            </IconButton>
            <IconButton
              label={t("redo")}
              shortcut={`${mod}Shift+Z`}
              onClick={onRedo}
              disabled={!canRedo}
              testId="redo"
            >
              <Redo2Icon />
            </IconButton>
            <IconButton label={t("layout")} onClick={onLayout} testId="auto-layout">
              <NetworkIcon className="-rotate-90" />
            </IconButton>
          </>
        ) : null}
        <IconButton label={t("fit")} onClick={onFit}>
          <Maximize2Icon />
        </IconButton>
        {!readOnly ? (
          <IconButton
            label={t("importExport.import")}
            onClick={() => fileInput.current?.click()}
            testId="import"
          >
            <UploadIcon />
          </IconButton>
        ) : null}
        <IconButton label={t("importExport.export")} onClick={exportJson} testId="export">
          <DownloadIcon />
        </IconButton>
        <IconButton label={t("versions.title")} onClick={() => setVersions(true)} testId="versions">
          <HistoryIcon />
        </IconButton>
        <IconButton label={t("help.title")} onClick={() => setHelp(true)}>
          <KeyboardIcon />
        </IconButton>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          className="hidden"
          data-testid="import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) void importFile(file);
          }}
        />
      </div>
      <div className="ml-auto flex items-center gap-3">
        <button
          type="button"
          onClick={onShowProblems}
          data-testid="problem-count"
          className={cn(
            "inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-xs font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
            check.errors
              ? "text-destructive hover:bg-destructive/8"
              : check.warnings
                ? "text-[oklch(0.5_0.1_70)] hover:bg-warning/15"
                : "text-success",
          )}
        >
          {check.errors ? (
            <CircleAlertIcon className="size-3.5" />
          ) : check.warnings ? (
            <TriangleAlertIcon className="size-3.5" />
          ) : (
            <CheckCircle2Icon className="size-3.5" />
          )}
          {check.errors || check.warnings
            ? [
                check.errors ? t("canvas.errorsBadge", { count: check.errors }) : null,
                check.warnings ? t("canvas.warningsBadge", { count: check.warnings }) : null,
              ]
                .filter(Boolean)
                .join(" · ")
            : t("problems.none")}
        </button>
        {!readOnly ? (
          <>
            {blocked ? (
              <span className="hidden text-xs text-muted-foreground xl:inline" data-testid="publish-blocked">
                {t("publish.blocked", { count: check.errors })}
              </span>
            ) : null}
            <Button
              size="sm"
              onClick={() => setPublishing(true)}
              disabled={blocked || version.status !== "draft"}
              data-testid="publish"
              aria-describedby={blocked ? "publish-blocked-reason" : undefined}
            >
              <RocketIcon />
              {t("publish.button")}
            </Button>
            <span id="publish-blocked-reason" className="sr-only">
              {blocked ? t("publish.blocked", { count: check.errors }) : ""}
            </span>
          </>
        ) : version.status !== "draft" || compare ? (
          <Button size="sm" variant="outline" asChild>
            <Link href={`/pipelines/${pipeline.id}/edit`}>{t("backToDraft")}</Link>
          </Button>
        ) : null}
      </div>

      <PublishDialog
        open={publishing}
        onOpenChange={setPublishing}
        versionId={version.id}
        saveNow={saveNow}
        revision={revision}
        onPublished={onPublished}
      />
      <Dialog open={help} onOpenChange={setHelp}>
        <DialogContent closeLabel={t("close")} data-testid="shortcuts">
          <DialogHeader>
            <DialogTitle>{t("help.title")}</DialogTitle>
            <DialogDescription>{t("help.description")}</DialogDescription>
          </DialogHeader>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
            {(
              [
                [`${mod}Z`, "undo"],
                [`${mod}Shift+Z`, "redo"],
                [`${mod}C / ${mod}V`, "copyPaste"],
                ["Delete / Backspace", "delete"],
                ["Shift + drag", "boxSelect"],
                [`${mod}click`, "multiSelect"],
                ["Tab / Enter", "focusNode"],
                ["← ↑ → ↓", "moveNode"],
              ] as const
            ).map(([keys, what]) => (
              <div key={what} className="contents">
                <dt>
                  <kbd className="rounded border bg-muted px-1.5 py-0.5 font-mono text-xs">{keys}</kbd>
                </dt>
                <dd className="text-muted-foreground">{t(`help.${what}`)}</dd>
              </div>
            ))}
          </dl>
        </DialogContent>
      </Dialog>
      <Dialog open={importErrors !== null} onOpenChange={(o) => !o && setImportErrors(null)}>
        <DialogContent closeLabel={t("close")} data-testid="import-errors">
          <DialogHeader>
            <DialogTitle>{t("importExport.errorsTitle")}</DialogTitle>
            <DialogDescription>{t("importExport.errorsDescription")}</DialogDescription>
          </DialogHeader>
          <ul className="grid max-h-72 gap-1.5 overflow-y-auto text-sm">
            {(importErrors ?? []).map((e, i) => (
              <li
                key={i}
                className="rounded-md bg-destructive/8 px-3 py-1.5 font-mono text-xs text-destructive"
              >
                {e}
              </li>
            ))}
          </ul>
        </DialogContent>
      </Dialog>
      <VersionsSheet
        open={versions}
        onOpenChange={setVersions}
        pipelineId={pipeline.id}
        initial={pipeline.versions}
        currentId={version.id}
      />
    </header>
  );
}

function PublishDialog({
  open,
  onOpenChange,
  versionId,
  saveNow,
  revision,
  onPublished,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  versionId: string;
  saveNow: () => Promise<boolean>;
  revision: RefObject<number>;
  onPublished: () => void;
}) {
  const tp = useTranslations("editor.publish");
  const tc = useTranslations("editor");
  const client = useTRPCClient();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!note.trim()) {
      setError(tp("noteRequired"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (!(await saveNow())) {
        setError(tp("saveFirst"));
        return;
      }
      const published = await client.editor.publish.mutate({
        versionId,
        expectedRevision: revision.current,
        changeNote: note.trim(),
      });
      toast.success(tp("done", { number: published.number }));
      onOpenChange(false);
      setNote("");
      onPublished();
    } catch (e) {
      const diagnostics =
        e instanceof TRPCClientError
          ? (e.data as { details?: { diagnostics?: { message: { zh: string; en: string } }[] } })?.details
              ?.diagnostics
          : undefined;
      setError(diagnostics?.length ? `${errorMessage(e)} (${diagnostics.length})` : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={tc("close")} data-testid="publish-dialog">
        <DialogHeader>
          <DialogTitle>{tp("title")}</DialogTitle>
          <DialogDescription>{tp("description")}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Label htmlFor="change-note">{tp("note")}</Label>
          <textarea
            id="change-note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            rows={3}
            maxLength={500}
            placeholder={tp("notePlaceholder")}
            aria-invalid={error ? true : undefined}
            className="w-full rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          />
          {error ? (
            <p role="alert" className="text-xs text-destructive">
              {error}
            </p>
          ) : null}
          <DialogFooter className="mt-2">
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              {tc("cancel")}
            </Button>
            <Button type="submit" disabled={busy} data-testid="publish-submit">
              {busy ? <Loader2Icon className="animate-spin" /> : <RocketIcon />}
              {tp("confirm")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
