"use client";

import { PrinterIcon } from "lucide-react";
import { Button } from "@/lib/ui/button";

/** Opens the browser's print dialog (print, or save as PDF). */
export function PrintButton({ label }: { label: string }) {
  return (
    <Button onClick={() => window.print()} data-testid="print-rulebook">
      <PrinterIcon />
      {label}
    </Button>
  );
}
