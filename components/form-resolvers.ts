// The forms' zod resolvers. Loaded on demand (components/lazy-form-resolvers.ts): zod and the schemas
// are not needed to show and hydrate a page, only to validate what is typed.
import { zodResolver } from "@hookform/resolvers/zod";
import { connectSchema, credentialsSchema } from "@/lib/wizard/schemas";

export const connectResolver = zodResolver(connectSchema);

export function credentialsResolver(secretOptional: boolean) {
  return zodResolver(credentialsSchema({ secretOptional }));
}
