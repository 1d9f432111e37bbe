import { config, safeParse, type core, type ZodMiniType } from 'zod/mini';
import { en } from 'zod/locales';

// zod/mini loads no locale (its messages would all read "Invalid input"): English is added per
// parse, so a browser bundle carries one locale and the app's zod configuration is left alone
const english = /* @__PURE__ */ en().localeError;

/** Parse settings that give the SDK's own schemas English messages, whatever locale the app set. */
const SDK_MESSAGES: core.ParseContext<core.$ZodIssue> = { error: english };

/** Parse settings for a caller's schema: the app's locale or error map when it set one, English otherwise. */
const CALLER_MESSAGES: core.ParseContext<core.$ZodIssue> = {
  error: (issue) => {
    const { customError, localeError } = config();
    return customError || localeError ? undefined : english(issue);
  },
};

/** Checks `value` against one of the SDK's schemas; issues carry English messages. */
export function checkSchema<S extends ZodMiniType>(
  schema: S,
  value: unknown,
): core.util.SafeParseResult<core.output<S>> {
  return schema.safeParse(value, SDK_MESSAGES);
}

/**
 * Checks `value` against a caller's zod 4 schema (`zod` or `zod/mini`, e.g. a query's `schema`),
 * keeping the caller's message settings.
 */
export function checkCallerSchema<S extends core.$ZodType>(
  schema: S,
  value: unknown,
): core.util.SafeParseResult<core.output<S>> {
  return safeParse(schema, value, CALLER_MESSAGES);
}
