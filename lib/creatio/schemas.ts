import "server-only";
import { z } from "zod";

// Creatio's own JSON shapes (docs/creatio-api.md). Every schema ignores unknown fields; where the
// contract says a shape is unconfirmed, each listed variant is accepted.

const text = z.string().nullish();

/** `errorInfo` of DataService and OAuthConfigService answers. */
export const errorInfoSchema = z
  .object({ errorCode: text, message: text, stackTrace: text })
  .nullish()
  .catch(null);

/** `responseStatus` of DataService answers (ServiceStack style). */
export const responseStatusSchema = z
  .object({ ErrorCode: z.union([z.string(), z.number()]).nullish(), Message: text })
  .nullish()
  .catch(null);

// 2. Login ---------------------------------------------------------------------------------------

export const loginAnswerSchema = z.object({
  Code: z.union([
    z.number().int(),
    z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number),
  ]),
  Message: text,
  PasswordChangeUrl: text,
  RedirectUrl: text,
});
export type LoginAnswer = z.infer<typeof loginAnswerSchema>;

/** `.svc` 401 and fault bodies: `{"Message":"Authentication failed.", ...}`. */
export const serviceFaultSchema = z.object({
  Message: text,
  ExceptionMessage: text,
  message: text,
});

// 3. Version -------------------------------------------------------------------------------------

/** A version as Creatio writes it ("8.1.2.3842"); anything else counts as "Creatio would not say". */
const coreVersionSchema = z
  .string()
  .transform((v) => v.trim())
  .pipe(z.string().regex(/^\d{1,4}(\.\d{1,6}){1,4}$/))
  .nullable()
  .catch(null);

const applicationInfoSchema = z.object({
  sysValues: z.object({ coreVersion: coreVersionSchema }),
});

/** GetApplicationInfo: `{"applicationInfo":{...}}`, also accepted wrapped by method name. */
export const applicationInfoAnswerSchema = z
  .union([
    z.object({ applicationInfo: applicationInfoSchema }),
    z.object({ GetApplicationInfoResult: z.object({ applicationInfo: applicationInfoSchema }) }),
  ])
  .transform((a) =>
    "applicationInfo" in a
      ? a.applicationInfo.sysValues.coreVersion
      : a.GetApplicationInfoResult.applicationInfo.sysValues.coreVersion,
  );

// 4.1 DataService --------------------------------------------------------------------------------

/** A LOOKUP column value in a select row. */
export const lookupValueSchema = z.object({ value: z.string(), displayValue: z.string().nullish() });

const dataServiceStatus = {
  success: z.boolean().optional(),
  errorInfo: errorInfoSchema,
  responseStatus: responseStatusSchema,
};

export const selectAnswerSchema = z.object({
  ...dataServiceStatus,
  rows: z.array(z.record(z.string(), z.unknown())).optional(),
});
export type SelectAnswer = z.infer<typeof selectAnswerSchema>;

export const insertAnswerSchema = z.object({
  ...dataServiceStatus,
  id: z.string().nullish(),
  rowsAffected: z.number().optional(),
});
export type InsertAnswer = z.infer<typeof insertAnswerSchema>;

export const updateAnswerSchema = z.object({
  ...dataServiceStatus,
  rowsAffected: z.number().optional(),
});
export type UpdateAnswer = z.infer<typeof updateAnswerSchema>;

// 4.3 System settings ----------------------------------------------------------------------------

export const sysSettingValueSchema = z
  .object({ value: z.unknown().optional(), displayValue: z.unknown().optional(), dataValueType: z.unknown() })
  .nullable();

export const querySysSettingsAnswerSchema = z.object({
  ...dataServiceStatus,
  values: z.record(z.string(), sysSettingValueSchema).nullish(),
});
export type QuerySysSettingsAnswer = z.infer<typeof querySysSettingsAnswerSchema>;

export const postSysSettingsAnswerSchema = z.object({
  ...dataServiceStatus,
  saveResult: z.record(z.string(), z.boolean()).nullish(),
});
export type PostSysSettingsAnswer = z.infer<typeof postSysSettingsAnswerSchema>;

// 4.2 FeatureService: answers wrapped by method name or by a declared name -----------------------

const featureStateValue = z.union([z.number(), z.boolean(), z.string()]).transform((v, ctx) => {
  const n = typeof v === "boolean" ? (v ? 1 : 0) : Number(v);
  if (n !== 0 && n !== 1) {
    ctx.addIssue({ code: "custom", message: "FeatureState is not 0 or 1" });
    return z.NEVER;
  }
  return n as 0 | 1;
});

/** GetFeatureState: `{"FeatureState":1}` or `{"GetFeatureStateResult":1}` (or that object nested). */
export const getFeatureStateAnswerSchema = z
  .union([
    z.object({ FeatureState: featureStateValue }),
    z.object({ GetFeatureStateResult: featureStateValue }),
    z.object({ GetFeatureStateResult: z.object({ FeatureState: featureStateValue }) }),
  ])
  .transform((a) => {
    if ("FeatureState" in a) return a.FeatureState;
    const inner = a.GetFeatureStateResult;
    return typeof inner === "object" ? inner.FeatureState : inner;
  });

/** CreateFeature and ClearFeaturesCacheForAllUsers: the answer is not used, any JSON will do. */
export const anyJsonSchema = z.unknown();

// 4.4 Default resource ---------------------------------------------------------------------------

const addDefaultResourceResult = z.object({
  success: z.boolean(),
  errorInfo: errorInfoSchema,
  scope: text,
});

/** `{"AddDefaultResourceResult":{...}}`; the unwrapped form is also accepted. */
export const addDefaultResourceAnswerSchema = z
  .union([z.object({ AddDefaultResourceResult: addDefaultResourceResult }), addDefaultResourceResult])
  .transform((a) => ("AddDefaultResourceResult" in a ? a.AddDefaultResourceResult : a));
export type AddDefaultResourceAnswer = z.output<typeof addDefaultResourceAnswerSchema>;

// 4.5 Health check -------------------------------------------------------------------------------

const optionalFlag = z.boolean().nullish();

/** Field names are PascalCase in the docs; camelCase is accepted too (serializer settings vary). */
export const healthCheckAnswerSchema = z.preprocess(
  (raw) => {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
    return Object.fromEntries(
      Object.entries(raw).map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), v]),
    );
  },
  z.object({
    HasProblem: z.boolean(),
    IsSystemSettingsFilledIn: optionalFlag,
    IsIdentityServiceAvailable: optionalFlag,
    IsAccessTokenRetrievableForSystemActions: optionalFlag,
    IsDefaultResourceRegistered: optionalFlag,
    Message: text,
  }),
);
export type HealthCheckAnswer = z.output<typeof healthCheckAnswerSchema>;

// Logout -----------------------------------------------------------------------------------------

export const logoutAnswerSchema = z.object({ RedirectLocation: text }).or(z.unknown());

// 4.6 Step 5: the end-to-end proof -------------------------------------------------------------------

/** RightsService: `{"GetCanExecuteOperationResult": true|false}` (docs/creatio-api.md §4.7). */
export const canExecuteAnswerSchema = z
  .object({ GetCanExecuteOperationResult: z.boolean() })
  .transform((a) => a.GetCanExecuteOperationResult);

const clientResultSchema = z.object({
  success: z.boolean().nullish(),
  errorInfo: errorInfoSchema,
  clientId: text,
  clientSecret: text,
});
export type ClientResult = z.infer<typeof clientResultSchema>;

/** AddClient / DeleteClient / UpdateClient: wrapped by method name or at the top level (unconfirmed). */
function wrappedOrNot<M extends string>(method: M) {
  return z
    .union([z.object({ [`${method}Result`]: clientResultSchema }), clientResultSchema])
    .transform((a): ClientResult => {
      const wrapped = (a as Record<string, unknown>)[`${method}Result`];
      return (wrapped ?? a) as ClientResult;
    });
}
export const addClientAnswerSchema = wrappedOrNot("AddClient");
export const deleteClientAnswerSchema = wrappedOrNot("DeleteClient");

/** DeleteQuery: `{"rowsAffected":1,"success":true}`. */
export const deleteAnswerSchema = z.object({
  success: z.boolean(),
  rowsAffected: z.number().nullish(),
  errorInfo: errorInfoSchema,
  responseStatus: responseStatusSchema,
});
