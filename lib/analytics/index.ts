/**
 * Analytics, pure part: from event logs to visits and deal facts, and from those (or the rows
 * the SQL groups them into) to every figure docs/analytics.md defines. No I/O, no clock.
 */
export * from "./buckets";
export * from "./stages";
export * from "./visits";
export * from "./funnel";
export * from "./time-in-stage";
export * from "./bottlenecks";
export * from "./outcomes";
export * from "./forecast";
export * from "./period";
export * from "./from-log";
export * from "./targets";
export * from "./adoption";
export * from "./refusal-codes";
