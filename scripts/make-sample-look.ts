// Generates the bundled sample look (resources/sample-look/): four mood-board references (set,
// lighting board, wardrobe swatches, style frame), one product shot and look.json. The images are
// SVG scenes rendered with sharp (gradients, shapes, fractal-noise texture) so palettes and
// sharpness measure like real boards; quantised PNG keeps each under ~300 KB.
// Run: npx tsx scripts/make-sample-look.ts
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'sample-look');
const W = 1280, H = 720;
const C = { terracotta: '#c65d3b', oat: '#e8dcc4', espresso: '#3b2a22', sage: '#8a9a7b', brass: '#b8893d' };

const grain = (id: string, freq: number, alpha: number) => `
  <filter id="${id}" x="0" y="0" width="100%" height="100%">
    <feTurbulence type="fractalNoise" baseFrequency="${freq}" numOctaves="2" seed="7" stitchTiles="stitch"/>
    <feColorMatrix type="saturate" values="0"/>
    <feComponentTransfer><feFuncA type="linear" slope="${alpha}"/></feComponentTransfer>
  </filter>`;
const svg = (defs: string, body: string, grainOpacity = 0.22) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><defs>${defs}${grain('grain', 0.7, 0.16)}</defs>${body}<rect width="${W}" height="${H}" filter="url(#grain)" opacity="${grainOpacity}"/></svg>`;
const label = (x: number, y: number, text: string, size = 22, fill = C.espresso) =>
  `<text x="${x}" y="${y}" font-family="DejaVu Sans, sans-serif" font-size="${size}" fill="${fill}">${text}</text>`;

function setScene(): string {
  const bags = Array.from({ length: 7 }, (_, i) => {
    const x = 700 + i * 70, col = [C.terracotta, C.oat, C.sage, C.brass][i % 4];
    return `<rect x="${x}" y="170" width="52" height="84" rx="6" fill="${col}" stroke="${C.espresso}" stroke-width="2"/><rect x="${x + 10}" y="200" width="32" height="20" fill="${C.oat}" opacity="0.8"/>`;
  }).join('');
  return svg(`
    <linearGradient id="wall" x1="0" x2="1"><stop offset="0" stop-color="#f1e4cc"/><stop offset="0.55" stop-color="${C.oat}"/><stop offset="1" stop-color="#a88f74"/></linearGradient>
    <linearGradient id="win" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#fff3d6"/><stop offset="1" stop-color="#f0b872"/></linearGradient>
    <linearGradient id="oak" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#9a6a3f"/><stop offset="1" stop-color="#5e3d24"/></linearGradient>
    <radialGradient id="beam" cx="0.15" cy="0.3" r="0.8"><stop offset="0" stop-color="#ffe2a8" stop-opacity="0.75"/><stop offset="1" stop-color="#ffe2a8" stop-opacity="0"/></radialGradient>
    <filter id="wood"><feTurbulence type="fractalNoise" baseFrequency="0.004 0.18" numOctaves="3" seed="3"/><feColorMatrix type="matrix" values="0 0 0 0 0.25  0 0 0 0 0.15  0 0 0 0 0.08  0 0 0 0.5 0"/></filter>`,
    `<rect width="${W}" height="${H}" fill="url(#wall)"/>
     <rect x="70" y="70" width="380" height="400" fill="url(#win)" stroke="${C.espresso}" stroke-width="14"/>
     <line x1="260" y1="70" x2="260" y2="470" stroke="${C.espresso}" stroke-width="10"/><line x1="70" y1="270" x2="450" y2="270" stroke="${C.espresso}" stroke-width="10"/>
     <path d="M450 90 L1280 420 L1280 720 L300 720 Z" fill="url(#beam)"/>
     <rect x="680" y="254" width="540" height="14" fill="${C.espresso}"/><rect x="680" y="150" width="540" height="8" fill="${C.espresso}" opacity="0.6"/>${bags}
     <rect x="0" y="500" width="${W}" height="220" fill="url(#oak)"/><rect x="0" y="500" width="${W}" height="220" filter="url(#wood)"/>
     <rect x="0" y="492" width="${W}" height="14" fill="#b07a4a"/>
     <path d="M560 500 q-8 -90 30 -150 q40 60 28 150 Z" fill="${C.sage}"/><rect x="555" y="470" width="70" height="40" rx="8" fill="${C.terracotta}"/>
     <rect x="880" y="400" width="90" height="100" rx="14" fill="${C.brass}"/><rect x="905" y="360" width="40" height="44" fill="#8a6a2d"/>
     <ellipse cx="760" cy="498" rx="48" ry="10" fill="#2a1d17" opacity="0.35"/><rect x="720" y="430" width="80" height="68" rx="10" fill="#d9cdb6"/><path d="M800 448 q28 4 0 34" stroke="#d9cdb6" stroke-width="10" fill="none"/>`);
}

function lightingBoard(): string {
  const temps = ['#ffb46b', '#ffc98f', '#ffdcb0', '#fff0d8', '#f7f3ea'].map((c, i) => `<rect x="${80 + i * 120}" y="560" width="100" height="90" rx="6" fill="${c}"/>`).join('');
  return svg(`
    <linearGradient id="bg" x1="0" x2="1"><stop offset="0" stop-color="#2d211b"/><stop offset="1" stop-color="#120c09"/></linearGradient>
    <radialGradient id="key" cx="0.2" cy="0.35" r="0.55"><stop offset="0" stop-color="#ffd49a"/><stop offset="0.5" stop-color="${C.brass}" stop-opacity="0.6"/><stop offset="1" stop-color="#000" stop-opacity="0"/></radialGradient>
    <radialGradient id="sphere" cx="0.35" cy="0.35" r="0.7"><stop offset="0" stop-color="#f6dcc0"/><stop offset="0.55" stop-color="${C.terracotta}"/><stop offset="1" stop-color="#2a140d"/></radialGradient>
    <linearGradient id="rim" x1="1" x2="0"><stop offset="0" stop-color="#ffcf8a" stop-opacity="0.9"/><stop offset="0.3" stop-color="#ffcf8a" stop-opacity="0"/></linearGradient>`,
    `<rect width="${W}" height="${H}" fill="url(#bg)"/><rect width="${W}" height="${H}" fill="url(#key)"/>
     <circle cx="520" cy="290" r="170" fill="url(#sphere)"/><circle cx="520" cy="290" r="170" fill="url(#rim)"/>
     <path d="M40 120 L300 230" stroke="#ffdca8" stroke-width="6" marker-end="url(#a)"/><polygon points="300,230 270,230 285,205" fill="#ffdca8"/>
     ${label(40, 100, 'KEY: low window light, camera left, 3200K', 24, '#ffdca8')}
     ${label(760, 200, 'FILL: soft bounce, 1.5 stops under', 24, C.oat)}
     ${label(760, 250, 'RIM: warm edge on steam and ceramics', 24, C.oat)}
     <rect x="760" y="290" width="420" height="200" fill="none" stroke="${C.oat}" stroke-width="2" stroke-dasharray="8 6"/>
     <rect x="790" y="320" width="170" height="140" fill="#e0a56a"/><rect x="980" y="320" width="170" height="140" fill="#5a3a28"/>
     ${temps}${label(80, 690, 'colour temperature: 2700K - 5600K', 20, C.oat)}`, 0.18);
}

function wardrobeSwatches(): string {
  const sw = [
    { x: 60, y: 60, fill: '#d8c8a8', name: 'linen apron, oat', pat: 'weave' },
    { x: 460, y: 60, fill: C.terracotta, name: 'wool cardigan, terracotta', pat: 'knit' },
    { x: 860, y: 60, fill: C.sage, name: 'cotton shirt, sage', pat: 'weave' },
    { x: 60, y: 380, fill: C.espresso, name: 'leather strap, espresso', pat: 'grain' },
    { x: 460, y: 380, fill: '#6b5a4a', name: 'denim trousers, washed brown', pat: 'twill' },
    { x: 860, y: 380, fill: C.brass, name: 'brass buttons', pat: 'grain' },
  ];
  return svg(`
    <pattern id="weave" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#000" opacity="0"/><path d="M0 2h8M0 6h8" stroke="#fff" stroke-opacity="0.18" stroke-width="2"/><path d="M2 0v8M6 0v8" stroke="#000" stroke-opacity="0.12" stroke-width="2"/></pattern>
    <pattern id="knit" width="16" height="14" patternUnits="userSpaceOnUse"><path d="M0 0 L8 12 L16 0" stroke="#000" stroke-opacity="0.25" stroke-width="3" fill="none"/></pattern>
    <pattern id="twill" width="10" height="10" patternUnits="userSpaceOnUse"><path d="M0 10 L10 0" stroke="#fff" stroke-opacity="0.2" stroke-width="3"/></pattern>
    <pattern id="grainp" width="6" height="6" patternUnits="userSpaceOnUse"><circle cx="2" cy="2" r="1.2" fill="#000" opacity="0.2"/></pattern>
    <linearGradient id="paper" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#f6efe2"/><stop offset="1" stop-color="#e2d5bd"/></linearGradient>`,
    `<rect width="${W}" height="${H}" fill="url(#paper)"/>` + sw.map((s, i) => `
     <g transform="rotate(${(i % 3) - 1} ${s.x + 180} ${s.y + 130})"><rect x="${s.x + 6}" y="${s.y + 8}" width="360" height="250" fill="#000" opacity="0.18"/>
     <rect x="${s.x}" y="${s.y}" width="360" height="250" fill="${s.fill}"/><rect x="${s.x}" y="${s.y}" width="360" height="250" fill="url(#${s.pat === 'grain' ? 'grainp' : s.pat})"/>
     <rect x="${s.x}" y="${s.y + 210}" width="360" height="40" fill="#f6efe2" opacity="0.92"/>${label(s.x + 14, s.y + 238, s.name, 20)}</g>`).join(''), 0.1);
}

function styleFrame(): string {
  return svg(`
    <radialGradient id="vig" cx="0.5" cy="0.5" r="0.75"><stop offset="0.55" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.55"/></radialGradient>
    <linearGradient id="tab" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8d5f3a"/><stop offset="1" stop-color="#4a2f1e"/></linearGradient>
    <linearGradient id="bgs" x1="0" x2="1"><stop offset="0" stop-color="#e9c89a"/><stop offset="1" stop-color="#7d5b43"/></linearGradient>
    <radialGradient id="mug" cx="0.3" cy="0.4" r="0.8"><stop offset="0" stop-color="#f3e7d3"/><stop offset="1" stop-color="#b9a88e"/></radialGradient>
    <filter id="blur"><feGaussianBlur stdDeviation="18"/></filter><filter id="soft"><feGaussianBlur stdDeviation="5"/></filter>`,
    `<rect width="${W}" height="${H}" fill="url(#bgs)"/>
     <circle cx="1000" cy="200" r="90" fill="#ffe6b5" opacity="0.6" filter="url(#blur)"/><circle cx="1150" cy="330" r="60" fill="${C.brass}" opacity="0.5" filter="url(#blur)"/>
     <rect x="120" y="120" width="260" height="330" fill="${C.sage}" opacity="0.55" filter="url(#blur)"/>
     <rect x="0" y="470" width="${W}" height="250" fill="url(#tab)"/>
     <ellipse cx="640" cy="560" rx="150" ry="26" fill="#1e130d" opacity="0.45" filter="url(#soft)"/>
     <path d="M520 360 h240 v150 q0 50 -50 50 h-140 q-50 0 -50 -50 Z" fill="url(#mug)"/><ellipse cx="640" cy="360" rx="120" ry="22" fill="#3b2416"/>
     <path d="M760 390 q70 10 0 110" stroke="#d8c9b0" stroke-width="22" fill="none"/>
     <path d="M600 330 q-30 -60 10 -110 q30 -40 0 -90" stroke="#fff" stroke-opacity="0.35" stroke-width="14" fill="none" filter="url(#soft)"/>
     <path d="M670 330 q30 -50 -5 -100 q-25 -40 10 -80" stroke="#fff" stroke-opacity="0.25" stroke-width="10" fill="none" filter="url(#soft)"/>
     <rect x="860" y="500" width="160" height="24" rx="4" fill="${C.terracotta}"/><circle cx="380" cy="520" r="26" fill="${C.brass}"/>
     <rect width="${W}" height="${H}" fill="url(#vig)"/>`);
}

function productShot(): string {
  return svg(`
    <linearGradient id="sweep" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#efe4d0"/><stop offset="1" stop-color="#cdb999"/></linearGradient>
    <linearGradient id="bag" x1="0" x2="1"><stop offset="0" stop-color="#a94a2c"/><stop offset="0.45" stop-color="${C.terracotta}"/><stop offset="1" stop-color="#8e3f25"/></linearGradient>
    <filter id="shadow"><feGaussianBlur stdDeviation="14"/></filter>`,
    `<rect width="${W}" height="${H}" fill="url(#sweep)"/>
     <ellipse cx="640" cy="640" rx="230" ry="30" fill="#3b2a22" opacity="0.35" filter="url(#shadow)"/>
     <path d="M470 180 L810 180 L840 640 L440 640 Z" fill="url(#bag)"/><path d="M470 180 L810 180 L800 140 L480 140 Z" fill="#9c4426"/>
     <rect x="500" y="300" width="280" height="200" rx="10" fill="${C.oat}"/>
     ${label(532, 370, 'HARBOUR', 44)}${label(548, 420, 'ROAST', 44)}${label(536, 470, 'autumn blend · 250g', 20)}
     <rect x="560" y="540" width="160" height="16" fill="${C.brass}"/>
     <circle cx="960" cy="600" r="34" fill="#4a2f1e"/><circle cx="1010" cy="625" r="24" fill="#3b2416"/><ellipse cx="330" cy="615" rx="40" ry="14" fill="#3b2416"/>`, 0.18);
}

async function render(name: string, text: string): Promise<void> {
  const path = join(OUT, name);
  await sharp(Buffer.from(text)).png({ palette: true, colours: 48, dither: 0, compressionLevel: 9, effort: 8 }).toFile(path);
  console.log(`${name}: ${(statSync(path).size / 1024).toFixed(0)} KB`);
}

const look = {
  $schema: '../schemas/look.schema.json',
  schemaVersion: 1,
  name: 'Harbour Roast — Autumn Menu',
  brandKit: {
    palette: [
      { hex: C.terracotta, name: 'terracotta' }, { hex: C.oat, name: 'oat' }, { hex: C.espresso, name: 'espresso' },
      { hex: C.sage, name: 'sage' }, { hex: C.brass, name: 'brass' },
    ],
    toneWords: ['warm', 'tactile', 'unhurried', 'honest'],
    lighting: 'low golden window light from camera left, soft bounce fill, warm rim on steam and ceramics',
    camera: '35mm prime, slow push-ins and gentle drift, shallow depth of field',
    doNotUse: ['neon', 'plastic cups', 'lens flare', 'cold blue light', 'logos of other brands'],
  },
  references: [
    { path: 'set.png', role: 'set', label: 'café counter by the window' },
    { path: 'lighting-board.png', role: 'lighting', label: 'lighting board: low warm key, soft fill' },
    { path: 'wardrobe-swatches.png', role: 'wardrobe', label: 'linen, wool, cotton swatches' },
    { path: 'style-frame.png', role: 'style', label: 'style frame: steam, grain, vignette' },
  ],
  productShots: [{ path: 'product-bag.png', name: 'Harbour Roast autumn blend bag' }],
  brief: 'Harbour Roast is a small-batch roaster launching its autumn menu. Morning light crosses a café with an oak counter by the window and shelves of paper coffee bags. A barista in a linen apron over a wool cardigan pours coffee into a stoneware mug, sets it beside a brass grinder and smiles as the steam rises.\n\nThe feel is warm, tactile and unhurried, like 35mm film with fine grain: terracotta and oat surfaces, espresso shadows, a touch of sage from the plants. Every clip should feel like the same morning in the same café, so an editor can cut between them freely.',
  batch: { size: '1280x720', seconds: 4, fps: 24, clips: 12, anchors: 3, provider: 'local', model: 'local-animatic', seed: 7 },
};

mkdirSync(OUT, { recursive: true });
await render('set.png', setScene());
await render('lighting-board.png', lightingBoard());
await render('wardrobe-swatches.png', wardrobeSwatches());
await render('style-frame.png', styleFrame());
await render('product-bag.png', productShot());
writeFileSync(join(OUT, 'look.json'), JSON.stringify(look, null, 2) + '\n');
console.log(`wrote ${join(OUT, 'look.json')}`);
