// The part of autocannon 9's API the HTTP benchmarks use (it ships no types).
declare module "autocannon" {
  import type { EventEmitter } from "node:events";
  type Request = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  type Options = {
    url: string;
    connections?: number;
    amount?: number;
    duration?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: Array<Request & { setupRequest?: (req: Request, context: unknown) => Request }>;
  };
  type Result = { requests: { total: number }; non2xx: number; errors: number; timeouts: number };
  type Instance = EventEmitter & { stop(): void };
  export default function autocannon(
    opts: Options,
    cb: (err: Error | null, result: Result) => void,
  ): Instance;
}
