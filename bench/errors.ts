/** The benchmark itself could not run: printed as a plain message, exit code 1. */
export class BenchError extends Error {
  override name = "BenchError";
}
