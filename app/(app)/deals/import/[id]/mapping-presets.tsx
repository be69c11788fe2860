"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Loader2Icon, SaveIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { fromPreset, toPreset, type ImportMapping } from "@/lib/import/mapping";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { Checkbox } from "@/lib/ui/checkbox";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/lib/ui/dialog";
import { Field } from "@/lib/ui/field";
import { Input } from "@/lib/ui/input";
import { Label } from "@/lib/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import type { Opened } from "./types";

/** Saved mappings: apply one to this file (by header name), or save this one under a name. */
export function MappingPresets({
  opened,
  mapping,
  onApply,
}: {
  opened: Opened;
  mapping: ImportMapping;
  onApply: (m: ImportMapping) => void;
}) {
  const t = useTranslations("imports.presets");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.imports.mappings.queryOptions());
  const save = useMutation(trpc.imports.saveMapping.mutationOptions());
  const [applied, setApplied] = useState<{ id: string; name: string; version: number } | null>(null);
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState("");
  const [overwrite, setOverwrite] = useState(true);
  const [nameError, setNameError] = useState<string>();
  const known = new Set(opened.targets.map((x) => x.key));

  function apply(id: string) {
    const preset = list.data?.find((m) => m.id === id);
    if (!preset) return;
    onApply(fromPreset(opened.import.headers, preset.preset, known));
    setApplied({ id: preset.id, name: preset.name, version: preset.version });
    toast.success(t("applied", { name: preset.name }));
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setNameError(t("nameRequired"));
    const update = applied && overwrite ? applied : null;
    try {
      const saved = await save.mutateAsync({
        name: name.trim(),
        preset: toPreset(opened.import.headers, mapping),
        ...(update && { mappingId: update.id, expectedVersion: update.version }),
      });
      setApplied({ id: saved.id, name: name.trim(), version: saved.version });
      await queryClient.invalidateQueries({ queryKey: trpc.imports.mappings.queryKey() });
      setSaving(false);
      toast.success(t("saved", { name: name.trim() }));
    } catch (err) {
      setNameError(errorMessage(err));
    }
  }

  return (
    <>
      <div className="grid gap-1.5">
        <Label htmlFor="import-preset">{t("label")}</Label>
        <div className="flex gap-2">
          <Select value={applied?.id ?? ""} onValueChange={apply} disabled={!list.data?.length}>
            <SelectTrigger id="import-preset" className="w-56" data-testid="preset-select">
              <SelectValue placeholder={list.data?.length ? t("choose") : t("none")} />
            </SelectTrigger>
            <SelectContent>
              {list.data?.map((m) => (
                <SelectItem key={m.id} value={m.id}>
                  {m.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <Button
            variant="outline"
            onClick={() => {
              setName(applied?.name ?? "");
              setNameError(undefined);
              setOverwrite(true);
              setSaving(true);
            }}
            data-testid="preset-save"
          >
            <SaveIcon />
            <span className="hidden sm:inline">{t("save")}</span>
          </Button>
        </div>
      </div>
      <Dialog open={saving} onOpenChange={setSaving}>
        <DialogContent closeLabel={tc("close")}>
          <form className="grid gap-4" onSubmit={submit} noValidate>
            <DialogHeader>
              <DialogTitle>{t("saveTitle")}</DialogTitle>
              <DialogDescription>{t("saveHint")}</DialogDescription>
            </DialogHeader>
            <Field id="preset-name" label={t("name")} error={nameError}>
              <Input
                id="preset-name"
                value={name}
                maxLength={80}
                autoFocus
                placeholder={t("namePlaceholder")}
                aria-invalid={!!nameError}
                onChange={(e) => setName(e.target.value)}
              />
            </Field>
            {applied ? (
              <label className="flex items-center gap-2 text-sm">
                <Checkbox checked={overwrite} onCheckedChange={(v) => setOverwrite(v === true)} />
                {t("overwrite", { name: applied.name })}
              </label>
            ) : null}
            <DialogFooter>
              <DialogClose asChild>
                <Button type="button" variant="outline">
                  {tc("cancel")}
                </Button>
              </DialogClose>
              <Button type="submit" disabled={save.isPending}>
                {save.isPending ? <Loader2Icon className="animate-spin" /> : null}
                {t("save")}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}
