// Structured logs of the wizard's server (pino): one JSON line per record, or a short readable line
// when stdout is a terminal. Level from LOG_LEVEL (fatal, error, warn, info, debug, trace, silent;
// default info). What goes in is chosen field by field: never a body, header value, cookie, password
// or secret, and a URL only as host and path (its query and fragment can carry tokens).
import { randomUUID } from "node:crypto";
import pino, { type DestinationStream, type Logger } from "pino";

export const LOG_LEVEL_ENV = "LOG_LEVEL";
const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
type Level = (typeof LEVELS)[number];

/** LOG_LEVEL when it names a pino level (any case), else "info". */
export function logLevelFrom(env: Record<string, string | undefined> = process.env): Level {
  const raw = env[LOG_LEVEL_ENV]?.trim().toLowerCase();
  return LEVELS.find((level) => level === raw) ?? "info";
}

const LEVEL_NAMES: Record<number, string> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO",
  40: "WARN",
  50: "ERROR",
  60: "FATAL",
};

/** One JSON log line as a short line for a person at a terminal. */
export function prettyLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { time, level, msg, ...rest } = record;
  const clock = typeof time === "string" ? time.slice(11, 19) : "";
  const name = (LEVEL_NAMES[Number(level)] ?? String(level)).padEnd(5);
  const fields = Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" ");
  return `${clock} ${name} ${String(msg ?? "")}${fields ? ` ${fields}` : ""}\n`;
}

function terminalStream(): DestinationStream {
  return { write: (line: string) => void process.stdout.write(prettyLine(line)) };
}

export interface LoggerOptions {
  level?: string;
  /** Where the lines go (tests); default stdout, readable when it is a terminal. */
  stream?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const stream = options.stream ?? (process.stdout.isTTY ? terminalStream() : pino.destination(1));
  return pino(
    {
      level: options.level ?? logLevelFrom(),
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    stream,
  );
}

let shared: Logger | undefined;

/**
 * The command line's subcommands (`check`, `apply`) keep stdout for their results: their logs go to
 * stderr, at LOG_LEVEL when it is set and at `defaultLevel` otherwise. Call before the first log.
 */
export function logToStderr(
  defaultLevel: Level = "error",
  env: Record<string, string | undefined> = process.env,
): void {
  const level = env[LOG_LEVEL_ENV]?.trim() ? logLevelFrom(env) : defaultLevel;
  const stream: DestinationStream = process.stderr.isTTY
    ? { write: (line: string) => void process.stderr.write(prettyLine(line)) }
    : pino.destination(2);
  shared = createLogger({ level, stream });
}

/** The process's logger (created on first use). */
export function logger(): Logger {
  shared ??= createLogger();
  return shared;
}

/** What one outbound call left behind (the transport's call record). */
export interface OutboundCall {
  method: string;
  url: string;
  status: number | null;
  ms: number;
  /** The error code (`area:reason`) when the call failed. */
  error?: string;
}

/** The fields logged for one outbound call: host and path only, no query, fragment or credentials. */
export function outboundFields(call: OutboundCall, requestId: string = randomUUID()) {
  let host = "";
  let path = "";
  try {
    const url = new URL(call.url);
    host = url.host;
    path = url.pathname;
  } catch {
    path = "(not a URL)";
  }
  return {
    event: "outbound",
    requestId,
    method: call.method,
    host,
    path,
    status: call.status,
    ms: call.ms,
    outcome: call.error ?? (call.status === null ? "network:unknown" : "ok"),
  };
}

/**
 * Logs one completed call to Creatio or an Identity Service (one line, level info; warn when it
 * failed). Called by the transport where each call completes; never throws.
 */
export function logOutboundCall(call: OutboundCall, log: Logger = logger()): void {
  try {
    const fields = outboundFields(call);
    if (call.error) log.warn(fields, "outbound call failed");
    else log.info(fields, "outbound call");
  } catch {
    // Logging must never break a call.
  }
}
