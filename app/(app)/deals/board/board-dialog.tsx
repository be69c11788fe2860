"use client";

import { useRef } from "react";
import { ActionDialog } from "../[id]/action-dialog";
import { useApplyAction, type ApplyInput } from "../[id]/use-apply-action";
import type { PendingDialog } from "./use-board-move";

/** The deal page's action dialog, for a drop whose action needs fields or ticks. */
export function BoardActionDialog({
  pending,
  onDone,
}: {
  pending: PendingDialog;
  onDone: (applied: boolean) => void;
}) {
  const { deal, form, action } = pending;
  const { apply, reload } = useApplyAction(deal, form);
  const applied = useRef(false);
  return (
    <ActionDialog
      action={action}
      deal={deal}
      form={form}
      apply={async (input: ApplyInput) => {
        const failure = await apply(input);
        if (!failure) applied.current = true;
        return failure;
      }}
      reload={reload}
      onClose={() => onDone(applied.current)}
    />
  );
}
