/**
 * The single router both shells use (Electron IPC and the HTTP test host): name → contract
 * schema → handler → Result. Payloads arrive as `unknown` and are parsed here, always.
 */
import { commands, isCommandName, type CommandName, type CommandResult, type ParsedInput, type Result } from './contract.ts';
import { toApiError, zodToApiError } from './to-api-error.ts';

export type Handlers = { [N in CommandName]: (input: ParsedInput<N>) => Promise<CommandResult<N>> };

export async function dispatch(handlers: Handlers, name: string, payload: unknown): Promise<Result<unknown>> {
  if (!isCommandName(name)) return { ok: false, error: { code: 'unknown_command', message: `unknown command ${JSON.stringify(name.slice(0, 80))}` } };
  const schema = commands[name].input;
  const parsed = schema.safeParse(payload === undefined ? {} : payload, { reportInput: true });
  if (!parsed.success) return { ok: false, error: zodToApiError(name, parsed.error) };
  try {
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    return { ok: false, error: toApiError(err) };
  }
}
