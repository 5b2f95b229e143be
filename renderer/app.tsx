/** The app frame: top bar, navigation, the current screen, the export dialog and toasts. */
import { useEffect } from 'react';
import { connectEvents } from './events.ts';
import { useProject } from './state/project-slice.ts';
import { useJobs } from './state/jobs-slice.ts';
import { useUi, type Screen } from './state/ui-slice.ts';
import { LibraryScreen } from './screens/library-screen.tsx';
import { ReferenceBoard } from './screens/reference-board.tsx';
import { BrandKitEditor } from './screens/brand-kit-editor.tsx';
import { CanonEditor } from './screens/canon-editor.tsx';
import { BatchSettingsScreen } from './screens/batch-settings.tsx';
import { MatrixScreen } from './screens/matrix-screen.tsx';
import { TimelineScreen } from './screens/timeline-screen.tsx';
import { JobsScreen } from './screens/jobs-screen.tsx';
import { ReviewScreen } from './screens/review-screen.tsx';
import { SettingsScreen } from './screens/settings-screen.tsx';
import { ExportDialog } from './screens/export-dialog.tsx';
import { Toasts } from './components/toasts.tsx';
import { ConfirmDialog } from './components/confirm-dialog.tsx';
import { Empty, ErrorState, Loading } from './components/status.tsx';

const NAV: { screen: Screen; label: string; needsLook: boolean; group: string }[] = [
  { screen: 'library', label: 'Projects', needsLook: false, group: 'Studio' },
  { screen: 'references', label: 'Reference board', needsLook: true, group: 'Look' },
  { screen: 'brand', label: 'Brand kit', needsLook: true, group: 'Look' },
  { screen: 'canon', label: 'Brief & canon', needsLook: true, group: 'Look' },
  { screen: 'batch', label: 'Batch settings', needsLook: true, group: 'Look' },
  { screen: 'matrix', label: 'Variation matrix', needsLook: true, group: 'Shots' },
  { screen: 'timeline', label: 'Shot timeline', needsLook: true, group: 'Shots' },
  { screen: 'jobs', label: 'Job queue', needsLook: false, group: 'Shots' },
  { screen: 'review', label: 'Review', needsLook: true, group: 'Deliver' },
  { screen: 'settings', label: 'Settings', needsLook: false, group: 'Studio' },
];

function ScreenView({ screen }: { screen: Screen }) {
  switch (screen) {
    case 'library': return <LibraryScreen />;
    case 'references': return <ReferenceBoard />;
    case 'brand': return <BrandKitEditor />;
    case 'canon': return <CanonEditor />;
    case 'batch': return <BatchSettingsScreen />;
    case 'matrix': return <MatrixScreen />;
    case 'timeline': return <TimelineScreen />;
    case 'jobs': return <JobsScreen />;
    case 'review': return <ReviewScreen />;
    case 'settings': return <SettingsScreen />;
    default: { const never: never = screen; return never; }
  }
}

export function App() {
  const { status, error, current, looks, lookId, load, selectLook } = useProject();
  const { screen, go, exportOpen, setExportOpen } = useUi();
  const running = useJobs((s) => Object.values(s.jobs).filter((j) => j.state === 'running').length);
  const queued = useJobs((s) => Object.values(s.jobs).filter((j) => j.state === 'queued').length);

  useEffect(() => {
    // A file dropped outside a drop zone must not make the window navigate to it.
    const stop = (e: DragEvent) => { if (!(e.target as HTMLElement | null)?.closest?.('[data-testid="dropzone"]')) e.preventDefault(); };
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => { window.removeEventListener('dragover', stop); window.removeEventListener('drop', stop); };
  }, []);

  useEffect(() => {
    const off = connectEvents();
    void load();
    void useJobs.getState().load();
    return off;
  }, [load]);

  if (status === 'idle' || status === 'loading') return <div className="boot"><Loading what="Continuity Studio" /></div>;
  if (status === 'error') return <div className="boot"><ErrorState message={error ?? 'unknown error'} onRetry={() => void load()} /></div>;

  const needsProject = !current && screen !== 'settings' && screen !== 'library';
  const item = NAV.find((n) => n.screen === screen);
  const needsLook = current && item?.needsLook && !lookId;
  const groups = [...new Set(NAV.map((n) => n.group))];

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand-mark" aria-hidden="true">◐</div>
        <div className="app-title">Continuity Studio</div>
        {current && <div className="project-name" title={current.dir}>{current.name}</div>}
        {current && looks.length > 0 && (
          <label className="look-picker">
            <span className="sr-only">Current look</span>
            <select aria-label="Current look" value={lookId ?? ''} onChange={(e) => selectLook(e.target.value || null)}>
              {looks.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
            </select>
          </label>
        )}
        <div className="spacer" />
        {running + queued > 0 && <button type="button" className="chip chip-live" onClick={() => void go('jobs')}>{running} running{queued ? ` · ${queued} queued` : ''}</button>}
        {current && lookId && <button type="button" className="primary" onClick={() => setExportOpen(true)}>Export…</button>}
      </header>
      <nav className="sidebar" aria-label="Screens">
        {groups.map((g) => (
          <div key={g} className="nav-group">
            <div className="nav-group-title">{g}</div>
            {NAV.filter((n) => n.group === g).map((n) => (
              <button key={n.screen} type="button" className={`nav-item${n.screen === screen ? ' active' : ''}`}
                aria-current={n.screen === screen ? 'page' : undefined}
                disabled={(n.screen !== 'library' && n.screen !== 'settings' && !current) || (n.needsLook && !lookId)}
                onClick={() => void go(n.screen)}>{n.label}</button>
            ))}
          </div>
        ))}
      </nav>
      <main className="content">
        {needsProject ? <LibraryScreen />
          : needsLook ? <Empty title="No look yet"><p>Create or import a look from the project library first.</p><button type="button" onClick={() => void go('library')}>Go to projects</button></Empty>
          : <ScreenView screen={screen} />}
      </main>
      {exportOpen && lookId && <ExportDialog lookId={lookId} onClose={() => setExportOpen(false)} />}
      <Toasts />
      <ConfirmDialog />
    </div>
  );
}
