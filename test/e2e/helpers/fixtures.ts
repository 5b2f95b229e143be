/**
 * Reference images for the e2e flow: four small real PNGs made with sharp. They share one palette
 * (a coherent look, as a real mood board would) with different compositions, so the quality gate
 * has a consistent target and the run measures the app, not endless retries.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

const LOOKS = [
  { name: 'wardrobe-teal.png', bg: '#12343b', fg: '#1d5c63', accent: '#ff2e88' },
  { name: 'set-neon.png', bg: '#102a30', fg: '#1f6069', accent: '#e0287a' },
  { name: 'lighting-amber.png', bg: '#143439', fg: '#22585f', accent: '#ff3d8f' },
  { name: 'product-cream.png', bg: '#11303a', fg: '#1a5560', accent: '#f2c14e' },
];

export async function makeReferenceImages(dir: string): Promise<string[]> {
  const paths: string[] = [];
  for (const [i, l] of LOOKS.entries()) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180">
      <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${l.bg}"/><stop offset="1" stop-color="${l.fg}"/></linearGradient></defs>
      <rect width="320" height="180" fill="url(#g)"/>
      <circle cx="${90 + i * 40}" cy="90" r="46" fill="${l.accent}" opacity="0.85"/>
      <rect x="200" y="${30 + i * 10}" width="80" height="110" rx="8" fill="${l.fg}" opacity="0.7"/></svg>`;
    const path = join(dir, l.name);
    await sharp(Buffer.from(svg)).png().toFile(path);
    paths.push(path);
  }
  const text = join(dir, 'notes.txt');
  await writeFile(text, 'This is a shot list, not an image.\n');
  paths.push(text);
  return paths;
}
