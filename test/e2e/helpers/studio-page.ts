/**
 * Shared steps of the browser e2e files: a page at 1280x720 on the test host, screenshots, waits on
 * app-emitted readiness attributes (never sleeps; limits sized for a loaded 2-core machine), and
 * the opening of the flow a person follows (project, look, references dropped on the board).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { ROOT } from './web-host-process.ts';
import { makeReferenceImages } from './fixtures.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENS = join(ROOT, 'test-artifacts', 'screens');
export const skipWithoutChromium = existsSync(CHROMIUM) ? false : `Chromium not found at ${CHROMIUM} (apt-get install chromium); e2e skipped`;
/** Rendering waits: a loaded 2-core machine renders slowly; the wait ends on the app's event. */
export const RENDER_WAIT = 600_000;

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENS, { recursive: true });
  const { chromium } = await import('playwright');
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
}

export async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.setDefaultTimeout(90_000);
  return page;
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: false });
export const ready = (page: Page, screen: string, extra = '') => page.waitForSelector(`[data-screen="${screen}"][data-ready="true"]${extra}`, { timeout: 90_000 });
export const nav = async (page: Page, label: string, screen: string) => { await page.getByRole('button', { name: label, exact: true }).click(); await ready(page, screen); };

/** Library → project → look → 4 references (and a text file, refused by name) on the board. */
export async function openProjectWithReferences(page: Page, url: string, work: string, project: string, libraryShot?: string): Promise<void> {
  await page.goto(url);
  await ready(page, 'library');
  if (libraryShot) await shot(page, libraryShot);
  await page.getByLabel('Project name').fill(project);
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByLabel('Look name').fill('Neon Noir');
  await page.getByLabel('Look brief').fill('A courier in a teal raincoat crosses a neon-lit alley at night, rain on the cobbles, holding a cream paper cup.');
  await page.getByRole('button', { name: 'Create look' }).click();
  await ready(page, 'references');
  const files = await makeReferenceImages(work);
  const payload = files.map((p) => ({ name: p.split('/').pop()!, mime: p.endsWith('.png') ? 'image/png' : 'text/plain', b64: readFileSync(p).toString('base64') }));
  const dt = await page.evaluateHandle((items) => {
    const d = new DataTransfer();
    for (const f of items) d.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.mime }));
    return d;
  }, payload);
  await page.dispatchEvent('[data-testid="dropzone"]', 'drop', { dataTransfer: dt });
  await ready(page, 'references', '[data-count="4"]');
}

/** Batch settings at the 320x180 draft size: small clips keep the run short (issue 18 item 5). */
export async function draftSize(page: Page): Promise<void> {
  await nav(page, 'Batch settings', 'batch');
  await page.getByLabel('Size').selectOption('320x180');
  await page.getByRole('button', { name: 'Save batch settings' }).click();
  await ready(page, 'batch', '[data-size="320x180"]');
}
