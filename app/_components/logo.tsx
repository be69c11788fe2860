import { cn } from "@/lib/ui/cn";

/** The Pipewright mark: a pipeline of stages narrowing to a win. */
export function Logo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden className={cn("size-8", className)}>
      <rect width="32" height="32" rx="8" fill="oklch(0.5 0.17 255)" />
      <path d="M7 10h18l-5 6v6l-8 3v-9z" fill="white" opacity="0.95" />
    </svg>
  );
}
