"use client";

import { MessageSquarePlusIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/lib/ui/button";
import { SendFeedbackDialog } from "./send-feedback-dialog";

/** Feedback not tied to a deal: on a pipeline's live version. */
export function SendFeedbackButton() {
  const t = useTranslations("feedback");
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="outline" onClick={() => setOpen(true)} data-testid="send-feedback">
        <MessageSquarePlusIcon />
        {t("send")}
      </Button>
      <SendFeedbackDialog open={open} onOpenChange={setOpen} />
    </>
  );
}
