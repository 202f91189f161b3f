// Ports of the bench's own servers: from the environment, else any free port, never the e2e ones.
import net from "node:net";
import { HOST, RESERVED_PORTS } from "./config";
import { BenchError } from "./errors";

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(port, HOST, () => {
      const address = probe.address();
      const chosen = typeof address === "object" && address ? address.port : port;
      probe.close(() => resolve(chosen));
    });
  });
}

/** A port nobody listens on now, outside the reserved ones and those already handed out. */
async function freePort(taken: Set<number>): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await listenOnce(0);
    if (!RESERVED_PORTS.has(port) && !taken.has(port)) return port;
  }
  throw new BenchError("Could not find a free port on 127.0.0.1.");
}

/** The port named by `envName`, checked to be free, or a free one. */
export async function choosePort(envName: string, taken: Set<number>): Promise<number> {
  const raw = process.env[envName];
  let port: number;
  if (raw === undefined || raw.trim() === "" || raw.trim() === "0") {
    port = await freePort(taken);
  } else {
    port = Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new BenchError(`${envName} must be a port number from 1 to 65535; it is "${raw}".`);
    }
    if (RESERVED_PORTS.has(port)) {
      throw new BenchError(
        `${envName}=${port} is reserved for the e2e tests or npm start (3000, 3100, 4100, 4101). Choose another port.`,
      );
    }
    if (taken.has(port)) throw new BenchError(`${envName}=${port} is already used by another bench server.`);
    await listenOnce(port).catch((err: NodeJS.ErrnoException) => {
      throw new BenchError(
        `${envName}=${port} cannot be used (${err.code ?? err.message}). Choose a free port.`,
      );
    });
  }
  taken.add(port);
  return port;
}
