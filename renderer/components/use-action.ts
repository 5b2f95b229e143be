/** Run an async UI action with a busy flag; failures become an error toast naming what failed. */
import { useState } from 'react';
import { errorText } from '../bridge.ts';
import { useUi } from '../state/ui-slice.ts';

export function useAction(): [boolean, (what: string, fn: () => Promise<unknown>) => Promise<boolean>] {
  const [busy, setBusy] = useState(false);
  const run = async (what: string, fn: () => Promise<unknown>) => {
    setBusy(true);
    try { await fn(); return true; } catch (err) { useUi.getState().toast('error', `${what}: ${errorText(err)}`); return false; } finally { setBusy(false); }
  };
  return [busy, run];
}
