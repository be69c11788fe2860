"use client";

import {
  CopyIcon,
  FileIcon,
  PencilIcon,
  PlusIcon,
  type LucideIcon,
  BriefcaseIcon,
  GavelIcon,
  GitBranchIcon,
  RocketIcon,
} from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { localized } from "@/lib/i18n/localized";
import { errorMessage, useTRPCClient } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
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
import type { LocalizedText } from "@/workflows/definition/schema";

export type TemplateSummary = {
  key: "bant" | "tender" | "saas" | "blank";
  name: LocalizedText;
  description: LocalizedText;
  stages: number;
};

const TEMPLATE_ICONS: Record<TemplateSummary["key"], LucideIcon> = {
  bant: BriefcaseIcon,
  tender: GavelIcon,
  saas: RocketIcon,
  blank: FileIcon,
};

function NameFields({
  value,
  onChange,
  autoFocus,
}: {
  value: LocalizedText;
  onChange: (next: LocalizedText) => void;
  autoFocus?: boolean;
}) {
  const t = useTranslations("editor.list");
  const id = useId();
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-zh`}>{t("nameZh")}</Label>
        <Input
          id={`${id}-zh`}
          value={value.zh}
          maxLength={80}
          autoFocus={autoFocus}
          data-testid="pipeline-name-zh"
          onChange={(e) => onChange({ ...value, zh: e.target.value })}
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-en`}>{t("nameEn")}</Label>
        <Input
          id={`${id}-en`}
          value={value.en}
          maxLength={80}
          data-testid="pipeline-name-en"
          onChange={(e) => onChange({ ...value, en: e.target.value })}
        />
      </div>
    </div>
  );
}

/** "New pipeline": a name in both languages and a template to start from, then straight into the editor. */
export function NewPipelineButton({ templates }: { templates: TemplateSummary[] }) {
  const t = useTranslations("editor.list");
  const tc = useTranslations("editor");
  const locale = useLocale();
  const router = useRouter();
  const client = useTRPCClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState<LocalizedText>({ zh: "", en: "" });
  const [template, setTemplate] = useState<TemplateSummary["key"]>("bant");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.zh.trim() || !name.en.trim()) {
      setError(t("nameRequired"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await client.editor.createPipeline.mutate({ name, template });
      router.push(`/pipelines/${created.pipelineId}/edit`);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="new-pipeline">
        <PlusIcon />
        {t("newPipeline")}
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent closeLabel={tc("close")} className="max-w-2xl" data-testid="new-pipeline-dialog">
          <DialogHeader>
            <DialogTitle>{t("createTitle")}</DialogTitle>
            <DialogDescription>{t("createDescription")}</DialogDescription>
          </DialogHeader>
          <form className="grid gap-5" onSubmit={submit}>
            <NameFields value={name} onChange={setName} autoFocus />
            <fieldset className="grid gap-2">
              <legend className="mb-2 text-sm font-medium">{t("template")}</legend>
              <div className="grid gap-2 sm:grid-cols-2" role="radiogroup">
                {templates.map((tpl) => {
                  const Icon = TEMPLATE_ICONS[tpl.key] ?? FileIcon;
                  const on = template === tpl.key;
                  return (
                    <button
                      key={tpl.key}
                      type="button"
                      role="radio"
                      aria-checked={on}
                      data-testid={`template-${tpl.key}`}
                      onClick={() => setTemplate(tpl.key)}
                      className={cn(
                        "flex items-start gap-3 rounded-lg border p-3 text-left transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                        on ? "border-primary bg-primary/5 ring-1 ring-primary" : "hover:bg-muted/60",
                      )}
                    >
                      <span
                        className={cn(
                          "flex size-9 shrink-0 items-center justify-center rounded-md",
                          on ? "bg-primary text-primary-foreground" : "bg-muted text-muted-foreground",
                        )}
                      >
                        <Icon className="size-4" />
                      </span>
                      <span className="min-w-0">
                        <span className="block text-sm font-medium">{localized(tpl.name, locale)}</span>
                        <span className="mt-0.5 block text-xs leading-snug text-muted-foreground">
                          {localized(tpl.description, locale)}
                        </span>
                        <span className="mt-1 block text-[11px] text-muted-foreground">
                          {t("stages", { count: tpl.stages })}
                        </span>
                      </span>
                    </button>
                  );
                })}
              </div>
            </fieldset>
            <DialogFormActions
              error={error}
              busy={busy}
              cancel={tc("cancel")}
              onCancel={() => setOpen(false)}
              submit={t("create")}
              submitTestId="create-pipeline"
            />
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}

/** Edit and Duplicate on a pipeline's card. */
export function PipelineCardActions({ pipelineId, name }: { pipelineId: string; name: LocalizedText }) {
  const t = useTranslations("editor.list");
  const tVersions = useTranslations("versions");
  const tc = useTranslations("editor");
  const router = useRouter();
  const client = useTRPCClient();
  const [open, setOpen] = useState(false);
  const [copyName, setCopyName] = useState<LocalizedText>(name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const startDuplicate = () => {
    setCopyName({ zh: t("copyOf", { name: name.zh }), en: t("copyOf", { name: name.en }) });
    setError(null);
    setOpen(true);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!copyName.zh.trim() || !copyName.en.trim()) {
      setError(t("nameRequired"));
      return;
    }
    setBusy(true);
    try {
      const copy = await client.editor.duplicatePipeline.mutate({ pipelineId, name: copyName });
      router.push(`/pipelines/${copy.pipelineId}/edit`);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <div className="flex items-center gap-2">
      <Button variant="outline" size="sm" asChild>
        <Link href={`/pipelines/${pipelineId}/versions`} data-testid="pipeline-versions">
          <GitBranchIcon />
          {tVersions("pageTitle")}
        </Link>
      </Button>
      <Button variant="outline" size="sm" onClick={startDuplicate} data-testid="duplicate-pipeline">
        <CopyIcon />
        {t("duplicate")}
      </Button>
      <Button size="sm" asChild>
        <Link href={`/pipelines/${pipelineId}/edit`} data-testid="edit-pipeline">
          <PencilIcon />
          {t("edit")}
        </Link>
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent closeLabel={tc("close")} data-testid="duplicate-dialog">
          <DialogHeader>
            <DialogTitle>{t("duplicateTitle")}</DialogTitle>
            <DialogDescription>{t("duplicateDescription")}</DialogDescription>
          </DialogHeader>
          <form className="grid gap-4" onSubmit={submit}>
            <NameFields value={copyName} onChange={setCopyName} autoFocus />
            <DialogFormActions
              error={error}
              busy={busy}
              cancel={tc("cancel")}
              onCancel={() => setOpen(false)}
              submit={t("duplicateSubmit")}
              submitTestId="duplicate-submit"
            />
          </form>
        </DialogContent>
      </Dialog>
    </div>
  );
}
