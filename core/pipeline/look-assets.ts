/**
 * The images a look run works from, resolved once: which reference anchors which framing,
 * which images the colour is anchored to, and the layers the local renderer composites.
 */
import type { Framing } from '../domain/canon.ts';
import type { ReferenceRole } from '../domain/look.ts';
import { findCharacterReference } from '../look/character-reference.ts';

export interface LookImage {
  path: string; role: ReferenceRole; sha256: string; approved: boolean; index: number;
  /** How a person names this image: its label, the path as written in LOOK.json, its project reference id. */
  label?: string; relPath?: string; id?: string;
}

/** The shape of a loaded look's images (core/look ResolvedReference, or the app's board references). */
interface LoadedImage { path: string; role: ReferenceRole; sha256: string; approved: boolean; index: number; label?: string; relPath?: string; id?: string }

/** A loaded look's references and product shots as the pipeline's LookImages (products always approved). */
export function lookImagesOf(loaded: { references: readonly LoadedImage[]; productShots: readonly LoadedImage[] }): { references: LookImage[]; productShots: LookImage[] } {
  const pick = (r: LoadedImage, approved: boolean): LookImage => ({
    path: r.path, role: r.role, sha256: r.sha256, approved, index: r.index,
    ...(r.label ? { label: r.label } : {}), ...(r.relPath ? { relPath: r.relPath } : {}), ...(r.id ? { id: r.id } : {}),
  });
  return { references: loaded.references.map((r) => pick(r, r.approved)), productShots: loaded.productShots.map((r) => pick(r, true)) };
}

export interface LookAssets {
  references: LookImage[];
  productShots: LookImage[];
  /** The references that define the look's colour (set, lighting, style, wardrobe). */
  colourReferences: string[];
  /** One image for keyframe colour transfer: the style reference, else the first colour reference. */
  colourAnchor: string;
  /** The look's first approved character-role image (a look image colour may be judged against); not the identity source: that is the shot's pick (characterReferenceFor). */
  characterReference: string | null;
}

/**
 * Which reference roles make the best starting picture for each framing, best first. Scene
 * images (set, style frame, character) come before mood boards (wardrobe swatches, lighting
 * boards), which are colour and material guides rather than pictures to animate.
 */
const ROLE_FOR_FRAMING: Record<Framing, ReferenceRole[]> = {
  wide: ['set', 'style', 'character', 'wardrobe', 'lighting', 'product'],
  medium: ['character', 'set', 'style', 'wardrobe', 'lighting', 'product'],
  close: ['character', 'style', 'set', 'product', 'wardrobe', 'lighting'],
  detail: ['product', 'style', 'set', 'character', 'wardrobe', 'lighting'],
};

/** Roles whose colours define the look (products and faces carry their own colours). */
const COLOUR_ROLES: ReadonlySet<ReferenceRole> = new Set(['set', 'lighting', 'style', 'wardrobe']);

export function resolveLookAssets(references: LookImage[], productShots: LookImage[]): LookAssets {
  const approved = references.filter((r) => r.approved);
  if (approved.length === 0) throw new Error('the look has no approved reference image: approve at least one to anchor its shots');
  const colour = approved.filter((r) => COLOUR_ROLES.has(r.role));
  const colourReferences = (colour.length ? colour : approved).map((r) => r.path);
  const style = approved.find((r) => r.role === 'style');
  return {
    references: approved,
    productShots,
    colourReferences,
    colourAnchor: style?.path ?? colourReferences[0]!,
    characterReference: approved.find((r) => r.role === 'character')?.path ?? null,
  };
}

/** The reference a new angle at this framing is cut from. */
export function referenceForFraming(assets: LookAssets, framing: Framing): LookImage {
  for (const role of ROLE_FOR_FRAMING[framing]) {
    const hit = assets.references.find((r) => r.role === role) ?? (role === 'product' ? assets.productShots[0] : undefined);
    if (hit) return hit;
  }
  return assets.references[0]!;
}

/**
 * The approved look reference a shot's `characterReference` names (see findCharacterReference for
 * the accepted forms); null when none does.
 */
export function characterReferenceFor(assets: Pick<LookAssets, 'references'>, ref: string | null | undefined): LookImage | null {
  return findCharacterReference(assets.references, ref);
}
