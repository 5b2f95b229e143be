/**
 * The `window.studio` shape, derived from the contract by type (never hand-copied), and the one
 * runtime function that turns an `invoke(name, input)` transport into verbs. Used by the
 * Electron preload (IPC transport) and by the test host's browser shim (fetch transport).
 */
import { commands, type CommandInput, type CommandName, type CommandResult, type Result } from './contract.ts';
import type { EventName, EventPayload } from './events.ts';

type Namespace = CommandName extends `${infer NS}.${string}` ? NS : never;
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- "all fields optional" test
type VerbFn<N extends CommandName> = {} extends CommandInput<N>
  ? (input?: CommandInput<N>) => Promise<Result<CommandResult<N>>>
  : (input: CommandInput<N>) => Promise<Result<CommandResult<N>>>;

export type StudioVerbs = {
  [NS in Namespace]: { [N in CommandName as N extends `${NS}.${infer Verb}` ? Verb : never]: VerbFn<N> };
};

export interface StudioExtras {
  events: { on<E extends EventName>(name: E, fn: (payload: EventPayload<E>) => void): () => void };
  /** Where the UI loads a stored asset from (studio-asset:// in Electron, /asset/ in the test host). */
  assets: { url(sha256: string, ext: string): string };
  /** Turn dropped / picked File objects into paths the engine can read. */
  files: { pathsFor(files: File[]): Promise<string[]> };
  platform: { kind: 'electron' | 'web'; os: string };
}

export type StudioApi = StudioVerbs & StudioExtras;

export type Invoke = (name: CommandName, input: unknown) => Promise<Result<unknown>>;

/** Build the verbs object (`studio.looks.create(...)`) over any transport. */
export function bindVerbs(invoke: Invoke): StudioVerbs {
  const out: Record<string, Record<string, (input?: unknown) => Promise<Result<unknown>>>> = {};
  for (const name of Object.keys(commands) as CommandName[]) {
    const [ns, verb] = name.split('.') as [string, string];
    (out[ns] ??= {})[verb] = (input?: unknown) => invoke(name, input ?? {});
  }
  return out as unknown as StudioVerbs;
}
