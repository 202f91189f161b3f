// Starts a server on a port and turns "port taken" into a message that says which port and which env var
// to change, instead of a bare EADDRINUSE.

import type { Server } from "node:net";

export interface ListenTarget {
  host: string;
  port: number;
  /** What is starting, e.g. "the demo Creatio". */
  what: string;
  /** Env var that sets this port. */
  envVar: string;
}

export class DemoPortError extends Error {
  constructor(
    message: string,
    readonly port: number,
    readonly envVar: string,
  ) {
    super(message);
    this.name = "DemoPortError";
  }
}

/** Resolves with the port actually bound (useful with port 0). */
export function listenOrExplain(server: Server, target: ListenTarget): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      const where = `${target.host}:${target.port}`;
      if (error.code === "EADDRINUSE") {
        reject(
          new DemoPortError(
            `Port ${target.port} is already in use on ${target.host}, so ${target.what} cannot start. ` +
              `Stop the program that uses it, or set ${target.envVar} to a free port (0 picks any free port).`,
            target.port,
            target.envVar,
          ),
        );
      } else if (error.code === "EACCES") {
        reject(
          new DemoPortError(
            `${target.what} may not listen on ${where} (permission denied). ` +
              `Set ${target.envVar} to a port above 1024 (0 picks any free port).`,
            target.port,
            target.envVar,
          ),
        );
      } else {
        reject(new Error(`${target.what} could not listen on ${where}: ${error.message}`));
      }
    };
    const onListening = () => {
      server.off("error", onError);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : target.port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(target.port, target.host);
  });
}
