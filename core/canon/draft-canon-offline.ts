/**
 * The offline canon drafter (issue 3): deterministic, no network, and useful. Palette anchors come
 * from the brand palette and the references' measured palettes; lighting and camera from the
 * brand kit; props, set, wardrobe and action from the brief's words; negatives from doNotUse.
 */
import { CanonSchema, FRAMINGS, type Canon, type CameraMotion, type Framing } from '../domain/canon.ts';
import type { LookFile, ReferenceRole } from '../domain/look.ts';
import { colourName, describePaletteMood, hexDistance } from './colour-words.ts';
import { filterBanned } from './do-not-use.ts';
import { wordsFromFileName } from '../plan/delta-words.ts';
import {
  MATERIAL_WORDS, PROP_WORDS, SET_WORDS, WARDROBE_WORDS,
  findActionBeats, findAudioCues, findEra, findFilmStock, findPhrases, findTextures,
} from './brief-words.ts';

/** A reference's measured palette (from the look loader's analysis or core/color). */
export interface ReferencePalette {
  role: ReferenceRole;
  palette: readonly { hex: string; weight: number }[];
}

/** Negatives every look gets: artefacts no agency wants in a deliverable. */
export const BASE_NEGATIVES = ['watermark', 'on-screen text', 'subtitles', 'distorted hands', 'warped product labels', 'flicker'] as const;

const MAX_ANCHORS = 8;
const MAX_BRAND_ANCHORS = 6;
/** Redmean distance under which a measured colour duplicates an anchor already chosen. */
const DISTINCT = 60;
/** Roles whose colours say most about the look's light and world, most telling first. */
const ROLE_PRIORITY: ReferenceRole[] = ['lighting', 'set', 'style', 'wardrobe', 'product', 'character'];

function paletteAnchors(look: LookFile, refs: readonly ReferencePalette[]): string[] {
  const anchors: string[] = [];
  const add = (hex: string) => {
    const h = hex.toLowerCase();
    if (anchors.length < MAX_ANCHORS && !anchors.some((a) => hexDistance(a, h) < DISTINCT)) anchors.push(h);
  };
  for (const c of look.brandKit.palette.slice(0, MAX_BRAND_ANCHORS)) add(c.hex);
  const ordered = [...refs].sort((a, b) => ROLE_PRIORITY.indexOf(a.role) - ROLE_PRIORITY.indexOf(b.role));
  // One pass per rank: every reference's heaviest colour before anyone's second colour.
  for (let rank = 0; rank < 5; rank++) {
    for (const ref of ordered) {
      const c = ref.palette[rank];
      if (c && c.weight >= 0.08 && /^#[0-9a-fA-F]{6}$/.test(c.hex)) add(c.hex);
    }
  }
  return anchors;
}

function cameraFrom(text: string): { framing: Framing; lens: string; motion: CameraMotion } {
  const t = text.toLowerCase();
  const mm = t.match(/(\d{2,3})\s?mm/);
  const lensKind = ['anamorphic', 'macro', 'telephoto', 'wide-angle', 'vintage'].find((w) => t.includes(w));
  const lens = [mm ? `${mm[1]}mm` : lensKind ? '' : '35mm', lensKind ?? 'prime lens'].filter(Boolean).join(' ');
  const motion: CameraMotion =
    /push|dolly in|creep/.test(t) ? 'push-in' : /pull|dolly out|reveal/.test(t) ? 'pull-out'
      : /pan/.test(t) ? 'pan-right' : /tilt/.test(t) ? 'tilt-up'
        : /locked|static|tripod|still/.test(t) ? 'static' : 'drift';
  const framing: Framing = /close/.test(t) ? 'close' : /macro|detail|insert/.test(t) ? 'detail' : /wide|establish/.test(t) ? 'wide' : 'medium';
  return { framing, lens, motion };
}

function clauses(text: string): string[] {
  return text.split(/[;,.]\s*|\s+with\s+/).map((s) => s.trim()).filter(Boolean);
}

/**
 * Draft a canon from the look alone. Same inputs → same canon.
 * @param referencePalettes measured palettes of the look's references (may be empty)
 */
export function draftCanonOffline(look: LookFile, referencePalettes: readonly ReferencePalette[]): Canon {
  const kit = look.brandKit;
  const banned = [...kit.doNotUse];
  const allText = [look.brief, kit.toneWords.join(' '), kit.lighting, kit.camera].join('\n');
  const anchors = paletteAnchors(look, referencePalettes);
  const mood = describePaletteMood(anchors.slice(0, 4));
  const tone = kit.toneWords.slice(0, 3).join(', ');

  const textures = findTextures(allText);
  const film = findFilmStock(allText);
  const grain = textures.includes('grain') || textures.includes('grainy') || /grain/.test(allText.toLowerCase());
  const style = {
    era: findEra(allText) ?? 'contemporary',
    texture: textures.length ? textures.slice(0, 3).join(', ') : 'natural, tactile surfaces',
    grade: `${mood.temperature} ${mood.saturation} grade${tone ? `, ${tone}` : ''}, anchored on ${anchors.slice(0, 3).map((h) => kit.palette.find((c) => c.hex.toLowerCase() === h)?.name ?? colourName(h)).join(', ')}`,
    filmEmulation: film ?? (grain ? '35mm film emulation with fine grain' : 'clean digital capture with gentle highlight roll-off'),
  };

  const lightClauses = clauses(kit.lighting);
  const fillHint = lightClauses.slice(1).join(', ');
  const lighting = {
    keyDirection: lightClauses[0] ?? kit.lighting,
    paletteAnchors: anchors,
    fillRim: fillHint || (mood.temperature === 'cool' ? 'soft fill, cool rim separating subject from background' : 'soft fill, warm rim separating subject from background'),
  };

  const wardrobeItems = filterBanned(findPhrases(look.brief, WARDROBE_WORDS, 4), banned);
  const materials = filterBanned(findPhrases(allText, MATERIAL_WORDS, 4), banned);
  const namedColours = kit.palette.slice(0, 3).map((c) => c.name ?? colourName(c.hex));
  const wardrobe = {
    items: wardrobeItems.length ? wardrobeItems : ['simple layered outfit'],
    materials: materials.length ? materials : ['natural fabrics'],
    colorConstraints: `wardrobe stays within ${namedColours.join(', ')}; no logos or prints beyond the brand's own`,
  };

  // A product shot's name is often its file name ("product-cream.png"): the canon and every prompt
  // built from it get the words it stands for ("product cream"), issue 16 item 8.
  const productNames = look.productShots.map((p, i) => (p.name?.trim() ? wordsFromFileName(p.name) : `product ${i + 1}`));
  const props = filterBanned([...new Set([...productNames, ...findPhrases(look.brief, PROP_WORDS, 6)])], banned).slice(0, 6);
  const background = filterBanned(findPhrases(look.brief + '\n' + kit.lighting, SET_WORDS, 4), banned);
  const setDressing = {
    backgroundObjects: background.length ? background : ['uncluttered background in the palette'],
    props: props.length ? props : ['one hero object from the brief'],
  };

  const seconds = look.batch.seconds;
  const beats = filterBanned(findActionBeats(look.brief, 3), banned);
  const beatTexts = beats.length ? beats : [
    `scene settles, ${setDressing.props[0]} in view`,
    'a small natural movement in frame',
    'hold on the composition',
  ];
  const action = beatTexts.slice(0, 3).map((beat, i, all) => ({ atSeconds: Math.round((seconds * i) / all.length * 10) / 10, beat }));

  const canon: Canon = {
    style,
    camera: cameraFrom(kit.camera),
    lighting,
    wardrobe,
    setDressing,
    action,
    audio: filterBanned(findAudioCues(look.brief), banned),
    negatives: [...new Set([...kit.doNotUse, ...BASE_NEGATIVES])],
  };
  if (canon.audio.length === 0) canon.audio = ['quiet room tone'];
  return CanonSchema.parse(canon);
}

/** Every framing the planner may use, the canon's own first. */
export function framingsFrom(canon: Canon): Framing[] {
  return [canon.camera.framing, ...FRAMINGS.filter((f) => f !== canon.camera.framing)];
}
