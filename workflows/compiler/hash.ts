import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { CompiledMachine } from "@/workflows/machine/format";
import { canonicalJson } from "./canonical-json";

/** sha-256 (hex) of the canonical JSON of `{ machine, delays }`: same behaviour, same hash. */
export const machineHash = (machine: CompiledMachine | null, delays: Record<string, number>): string =>
  bytesToHex(sha256(utf8ToBytes(canonicalJson({ machine, delays }))));
