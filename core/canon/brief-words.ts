/**
 * Reads a brief (and brand-kit text) for the words the offline canon drafter needs: props, set
 * objects, wardrobe items and materials, era, texture, film stock, action beats. Vocabulary lists
 * rather than NLP: deterministic, explainable, and good enough for agency briefs, which name
 * their props plainly ("a stoneware mug on an oak counter").
 */
import { foldText } from './do-not-use.ts';

const words = (s: string) => s.split(/\s+/).filter(Boolean);

export const PROP_WORDS = new Set(words(`mug cup teacup teapot kettle bottle glass jar vase flowers bouquet book notebook journal
  magazine newspaper lamp candle plant bag tote basket bowl plate tray bread croissant pastry cake laptop phone grinder headphones camera bicycle bike umbrella blanket pillow cushion radio record vinyl guitar sunglasses
  watch perfume sneaker shoe box gift ribbon scarf skateboard surfboard ball fruit lemon orange apple citrus leaf leaves
  pencil pen brush palette canvas clock mirror key keys wallet carafe pitcher spoon napkin towel soap
  bottle candle lantern card letter envelope parcel`));

export const SET_WORDS = new Set(words(`window windows shelf shelves counter table wall walls tiles curtain curtains doorway door
  staircase stairs bookshelf sofa couch kitchen cafe bar studio street garden balcony terrace rooftop floor rug armchair
  desk workbench bench fireplace archway corridor storefront market booth stage backdrop courtyard greenhouse beach pier
  platform alley facade awning neon`));

export const WARDROBE_WORDS = new Set(words(`coat jacket trench sweater jumper cardigan knitwear scarf shirt blouse dress skirt
  trousers pants jeans apron hat cap beanie boots gloves overalls hoodie tshirt suit blazer vest uniform raincoat parka
  sneakers loafers beret shawl poncho kimono jumpsuit`));

export const MATERIAL_WORDS = new Set(words(`wool linen cotton denim leather suede silk cashmere corduroy velvet canvas tweed knit
  knitted satin nylon mohair fleece chambray`));

/** Words that, right before a prop, describe it worth keeping ("stoneware mug"). */
const PROP_MODIFIERS = new Set(words(`ceramic stoneware porcelain glass brass copper wooden oak walnut linen enamel paper
  leather vintage handmade marble terracotta steel chrome woven rattan wicker iron amber green blue red white black
  matte glossy small tall round clay cork bamboo recycled kraft coffee tea`));

const ACTION_VERBS = /\b(pours?|lifts?|turns?|walks?|opens?|reaches?|sips?|steps?|smiles?|places?|wraps?|folds?|slides?|pulls?|pushes?|picks?|sets?|holds?|rises?|spins?|glances?|looks?|leans?|laughs?|drifts?|settles?|unwraps?|hands?|ties?|tosses?|catches?)\b/i;

const STOP = new Set(words('a an the and or of on in with to for at by from into onto its their his her our your this that these those'));

/** Folded word tokens of a text. */
export function briefTokens(text: string): string[] {
  return foldText(text).replace(/-/g, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

const singular = (w: string) => (w.length > 3 && w.endsWith('ies') ? w.slice(0, -3) + 'y' : w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);
const inVocab = (vocab: Set<string>, w: string) => vocab.has(w) || vocab.has(singular(w));
/** The vocabulary's own spelling wins ("shelves" stays "shelves"); otherwise the singular. */
const baseForm = (vocab: Set<string>, w: string) => (vocab.has(w) ? w : singular(w));

/**
 * Vocabulary hits in order of first appearance. A modifier right before a hit is kept ("oak
 * counter", "wool cardigan") and two hits in a row read as one compound ("coffee bags").
 */
export function findPhrases(text: string, vocab: Set<string>, limit: number): string[] {
  const tokens = briefTokens(text);
  const out: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length && out.length < limit; i++) {
    const w = tokens[i]!;
    if (STOP.has(w) || !inVocab(vocab, w)) continue;
    const next = tokens[i + 1];
    const compound = next !== undefined && inVocab(vocab, next) && !STOP.has(next);
    const head = compound ? `${w} ${baseForm(vocab, next)}` : baseForm(vocab, w);
    if (compound) i++;
    if (seen.has(head)) continue;
    seen.add(head);
    const prev = tokens[i - (compound ? 2 : 1)];
    const keep = prev !== undefined && (PROP_MODIFIERS.has(prev) || MATERIAL_WORDS.has(prev)) && !inVocab(vocab, prev);
    out.push(keep ? `${prev} ${head}` : head);
  }
  return out;
}

/** An era phrase from the text: a decade, or a period word. */
export function findEra(text: string): string | undefined {
  const t = foldText(text);
  const decade = t.match(/\b(?:19|20)?([0-9]0)['’]?s\b/);
  if (decade) return `${decade[0].length <= 4 ? '19' + decade[1] + 's' : decade[0].replace(/['’]/, '')}`;
  for (const w of ['mid-century', 'retro', 'vintage', 'victorian', 'futuristic', 'y2k', 'contemporary', 'modern', 'timeless']) {
    if (t.includes(w)) return w;
  }
  return undefined;
}

export function findTextures(text: string): string[] {
  const t = foldText(text);
  return ['grainy', 'grain', 'matte', 'glossy', 'tactile', 'hazy', 'crisp', 'soft', 'gritty', 'organic', 'handmade', 'velvety', 'clean', 'raw', 'dreamy', 'airy']
    .filter((w) => new RegExp(`\\b${w}\\b`).test(t));
}

export function findFilmStock(text: string): string | undefined {
  const t = foldText(text);
  const hits = [['portra', 'Kodak Portra 400'], ['ektachrome', 'Kodak Ektachrome'], ['cinestill', 'CineStill 800T'], ['fuji', 'Fujifilm Eterna'],
    ['super 8', 'Super 8 film'], ['16mm', '16mm film'], ['35mm film', '35mm film'], ['film grain', '35mm film with fine grain']] as const;
  return hits.find(([k]) => t.includes(k))?.[1];
}

/**
 * Up to `limit` short action beats from brief sentences with an action verb. A sentence with
 * several verbs ("pours coffee, sets it down and smiles") gives one beat per verb clause, each
 * with the sentence's subject ("A barista").
 */
export function findActionBeats(text: string, limit = 3): string[] {
  const sentences = text.split(/(?<=[.!?;])\s+|\n+/).map((s) => s.trim()).filter(Boolean);
  const out: string[] = [];
  for (const s of sentences) {
    const m = ACTION_VERBS.exec(s);
    if (!m) continue;
    const before = s.slice(0, m.index).trim().split(/\s+/).filter(Boolean);
    const subject = (before.length > 4 ? before.slice(0, 2) : before).join(' ').replace(/[,;:]+$/, '');
    const clauses = s.slice(m.index).replace(/[.!?;]+$/, '').split(/,\s*|\s+and\s+/).map((c) => c.trim()).filter((c) => ACTION_VERBS.test(c.split(/\s+/)[0] ?? ''));
    for (const c of clauses) {
      if (out.length >= limit) return out;
      out.push(`${subject} ${c.split(/\s+/).slice(0, 9).join(' ')}`.trim());
    }
  }
  return out;
}

const CUES: [RegExp, string][] = [
  [/\b(mug|cup|teacup)s?\b/, 'ceramic cup set down on a hard surface'],
  [/\b(coffee|espresso|latte|pour)/, 'coffee pouring'],
  [/\bkettle\b/, 'kettle hiss'],
  [/\brain\b/, 'rain on glass'],
  [/\b(street|storefront|city)\b/, 'distant street ambience'],
  [/\b(cafe|bar|market)\b/, 'low murmur of a room'],
  [/\b(book|notebook|journal|magazine|paper|letter)s?\b/, 'page turn'],
  [/\b(fabric|linen|wool|scarf|coat|sweater|knit)/, 'fabric rustle'],
  [/\b(wind|garden|leaves|beach)\b/, 'soft wind outside'],
  [/\b(candle|fireplace)s?\b/, 'faint crackle'],
];

/** Diegetic sound cues suggested by the words present (never music or voice-over). */
export function findAudioCues(text: string, limit = 3): string[] {
  const t = foldText(text);
  const out = CUES.filter(([re]) => re.test(t)).map(([, cue]) => cue).slice(0, limit);
  return out.length ? out : ['quiet room tone'];
}
