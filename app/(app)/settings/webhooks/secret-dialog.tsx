"use client";

import { CheckIcon, CopyIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/lib/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/lib/ui/dialog";

/** The signing secret, shown this once (after creating an endpoint or rotating its secret). */
export function SecretDialog({
  shown,
  onClose,
}: {
  shown: { url: string; secret: string; rotated: boolean } | null;
  onClose: () => void;
}) {
  const t = useTranslations("webhooks.secret");
  const tc = useTranslations("common");
  const [copied, setCopied] = useState(false);

  async function copy() {
    if (!shown) return;
    try {
      await navigator.clipboard.writeText(shown.secret);
      setCopied(true);
      toast.success(t("copied"));
    } catch {
      toast.error(t("copyFailed"));
    }
  }

  return (
    <Dialog
      open={shown !== null}
      onOpenChange={(open) => {
        if (!open) {
          setCopied(false);
          onClose();
        }
      }}
    >
      <DialogContent closeLabel={tc("close")}>
        <DialogHeader>
          <DialogTitle>{shown?.rotated ? t("rotatedTitle") : t("createdTitle")}</DialogTitle>
          <DialogDescription>{shown?.rotated ? t("rotatedHint") : t("createdHint")}</DialogDescription>
        </DialogHeader>
        <p className="font-mono text-xs break-all text-muted-foreground">{shown?.url}</p>
        <div className="flex items-center gap-2">
          <code
            data-testid="webhook-secret"
            className="min-w-0 flex-1 rounded-md border bg-muted px-3 py-2 font-mono text-xs break-all"
          >
            {shown?.secret}
          </code>
          <Button type="button" variant="outline" size="icon" onClick={copy} aria-label={t("copy")}>
            {copied ? <CheckIcon /> : <CopyIcon />}
          </Button>
        </div>
        <p className="text-xs text-muted-foreground">{t("verifyHint")}</p>
        <DialogFooter>
          <DialogClose asChild>
            <Button type="button">{t("done")}</Button>
          </DialogClose>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
