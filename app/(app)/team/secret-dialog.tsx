"use client";

import { CopyIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { Button } from "@/lib/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/lib/ui/dialog";

/** Shows a one-time password or an invitation link once, with a copy button. */
export function SecretDialog({
  secret,
  onClose,
}: {
  secret: { title: string; value: string; hint: string } | null;
  onClose: () => void;
}) {
  const t = useTranslations("common");
  return (
    <Dialog open={secret !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent closeLabel={t("close")}>
        <DialogHeader>
          <DialogTitle>{secret?.title}</DialogTitle>
          <DialogDescription>{secret?.hint}</DialogDescription>
        </DialogHeader>
        <code
          data-testid="secret-value"
          className="block break-all rounded-md border bg-muted px-3 py-2 font-mono text-sm"
        >
          {secret?.value}
        </code>
        <DialogFooter>
          <Button
            variant="outline"
            onClick={() => {
              void navigator.clipboard?.writeText(secret?.value ?? "").then(() => toast.success(t("copied")));
            }}
          >
            <CopyIcon />
            {t("copy")}
          </Button>
          <Button onClick={onClose}>{t("done")}</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
