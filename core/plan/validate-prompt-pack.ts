/**
 * Validate a prompt pack before it is written or after it is read. The shipped JSON Schema
 * (resources/schemas/prompt-pack.schema.json) is generated from the same zod schema and a test
 * keeps the two identical, so passing here means passing the shipped schema.
 */
import { PromptPackSchema, type PromptPack } from '../domain/prompt-pack.ts';
import { InputError } from '../domain/errors.ts';
import { describeIssues, formatPath } from '../look/describe-zod-issue.ts';

/**
 * @param where names the pack in errors (a file path or clip id)
 * @throws InputError naming the field and the value
 */
export function validatePromptPack(obj: unknown, where = 'prompt pack'): PromptPack {
  const parsed = PromptPackSchema.strict().safeParse(obj);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new InputError(`${where}: ${describeIssues(parsed.error.issues, obj)}`, first ? formatPath(first.path) : undefined);
  }
  return parsed.data;
}
