/**
 * The one place engine events enter the renderer: subscribe once, forward to slice actions.
 * Returns a function that unsubscribes everything (React StrictMode mounts twice in dev).
 */
import { studio } from './bridge.ts';
import { useJobs } from './state/jobs-slice.ts';
import { useShots } from './state/shots-slice.ts';
import { useLook } from './state/look-slice.ts';
import { useProject } from './state/project-slice.ts';
import { useReview } from './state/review-slice.ts';
import { useUi } from './state/ui-slice.ts';
import { useExport } from './state/export-slice.ts';
import { useSessions } from './state/sessions-slice.ts';

export function connectEvents(): () => void {
  const on = studio().events.on;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  // Many shots finish close together; refresh the matrix once per burst, not once per event.
  const refreshShots = () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => { void useShots.getState().refresh(); }, 150);
  };
  const offs = [
    on('job-progress', (p) => useJobs.getState().onProgress(p)),
    on('shot-updated', (p) => {
      if (useShots.getState().lookId === p.lookId) refreshShots();
      if (useSessions.getState().sessions.some((s) => s.shots.some((x) => x.id === p.shotId))) void useSessions.getState().load(p.lookId);
    }),
    on('run-finished', (p) => {
      void useJobs.getState().load();
      if (useSessions.getState().lookId === p.lookId) void useSessions.getState().load(p.lookId);
      if (useShots.getState().lookId === p.lookId) refreshShots();
      void useReview.getState().loadStats(p.lookId);
      useUi.getState().toast(p.failed ? 'warn' : 'info', `Run finished: ${p.succeeded} done${p.failed ? `, ${p.failed} failed` : ''}${p.canceled ? `, ${p.canceled} canceled` : ''}.`);
    }),
    on('export-progress', (p) => useExport.getState().onProgress(p.progress, p.message)),
    on('budget-warning', (p) => useUi.getState().toast('warn', p.message)),
    on('look-updated', (p) => { if (useLook.getState().look?.id === p.lookId) void useLook.getState().load(p.lookId); }),
    on('notice', (p) => useUi.getState().toast(p.level, p.message)),
    on('menu-command', (p) => {
      const ui = useUi.getState();
      switch (p.command) {
        case 'new-project': case 'open-project': ui.go('library'); break;
        case 'import-look': ui.go('library'); break;
        case 'export': if (useProject.getState().lookId) ui.setExportOpen(true); break;
        case 'settings': ui.go('settings'); break;
        default: { const never: never = p.command; return never; }
      }
    }),
  ];
  return () => { clearTimeout(refreshTimer); for (const off of offs) off(); };
}
