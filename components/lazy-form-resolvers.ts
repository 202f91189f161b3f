import { useEffect } from "react";
import type { FieldValues, Resolver } from "react-hook-form";
import type { ConnectInput, ConnectValues, CredentialsInput, CredentialsValues } from "@/lib/wizard/schemas";

// The forms' resolvers, with their code (zod, the schemas) loaded at the first validation or once the
// page has loaded, whichever comes first: the page shows and hydrates without it.

type FormResolvers = typeof import("./form-resolvers");
let loading: Promise<FormResolvers> | null = null;

function formResolvers(): Promise<FormResolvers> {
  loading ??= import("./form-resolvers").catch((error) => {
    loading = null; // a chunk that failed to load is asked for again at the next validation
    throw error;
  });
  return loading;
}

/**
 * The resolver `pick` chooses, once loaded. Should its code not load (the wizard's server went away),
 * the values pass unchecked: the server action parses them with the same schema and says what is wrong.
 */
function lazy<TInput extends FieldValues, TOutput>(
  pick: (loaded: FormResolvers) => Resolver<TInput, unknown, TOutput>,
): Resolver<TInput, unknown, TOutput> {
  return async (values, ctx, opts) => {
    let resolver: Resolver<TInput, unknown, TOutput>;
    try {
      resolver = pick(await formResolvers());
    } catch {
      return { values: values as unknown as TOutput, errors: {} };
    }
    return resolver(values, ctx, opts);
  };
}

export const connectResolver = lazy<ConnectInput, ConnectValues>((r) => r.connectResolver);

export function credentialsResolver(secretOptional: boolean) {
  return lazy<CredentialsInput, CredentialsValues>((r) => r.credentialsResolver(secretOptional));
}

/** Starts loading the resolvers once the page has loaded, so that the first submit does not wait. */
export function useWarmFormResolvers(): void {
  useEffect(() => {
    const warm = () => void formResolvers().catch(() => undefined);
    if (document.readyState === "complete") {
      const timer = setTimeout(warm, 0);
      return () => clearTimeout(timer);
    }
    window.addEventListener("load", warm, { once: true });
    return () => window.removeEventListener("load", warm);
  }, []);
}
