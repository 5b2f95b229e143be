/** looks.*: create, import LOOK.json, read, and edit the brand kit, brief and batch settings. */
import { BatchSettingsSchema, BrandKitSchema, LOOK_FILE_VERSION, type LookFile } from '../../domain/look.ts';
import { chooseCharacterReference } from '../../pipeline/character-choice.ts';
import { importLookFile } from '../../pipeline/project-look.ts';
import { listLooks, listReferences, saveLook } from '../../store/looks-repo.ts';
import { listShots } from '../../store/shots-repo.ts';
import type { Handlers } from '../dispatch.ts';
import { requireProject, type StudioContext } from '../studio-context.ts';
import { lookView, requireLook } from '../views.ts';

type Group = Pick<Handlers, 'looks.list' | 'looks.create' | 'looks.importFile' | 'looks.get' | 'looks.updateBrandKit' | 'looks.updateBrief' | 'looks.updateBatch'>;

/** A new look starts from a neutral, valid brand kit the user then edits. */
function blankLook(name: string, brief: string | undefined, defaults: { provider: string; model: string; budgetUsd: number | null; commercialOnly: boolean }): LookFile {
  return {
    schemaVersion: LOOK_FILE_VERSION, name,
    brandKit: BrandKitSchema.parse({ palette: [{ hex: '#1f2430', name: 'ink' }, { hex: '#c8a27a', name: 'sand' }, { hex: '#e8e4dc', name: 'paper' }], toneWords: [], lighting: 'soft key light from camera left', camera: '35mm lens, eye level', doNotUse: [] }),
    references: [], productShots: [], brief: brief?.trim() || `${name}: describe what happens, where, and the mood.`,
    batch: BatchSettingsSchema.parse({ provider: defaults.provider, model: defaults.model, commercialOnly: defaults.commercialOnly, ...(defaults.budgetUsd !== null ? { budgetUsd: defaults.budgetUsd } : {}) }),
  };
}

export function lookHandlers(ctx: StudioContext): Group {
  const save = (lookId: string, patch: (look: LookFile) => LookFile) => {
    const { project } = requireProject(ctx);
    const row = requireLook(project, lookId);
    saveLook(project.db, { id: row.id, look: patch(row.look), dir: row.dir });
    ctx.emit('look-updated', { lookId });
    return lookView(project, lookId);
  };
  return {
    'looks.list': async () => {
      const { project } = requireProject(ctx);
      return listLooks(project.db).map((l) => ({ id: l.id, name: l.name, referenceCount: listReferences(project.db, l.id).length, shotCount: listShots(project.db, l.id).length, updatedAt: l.updatedAt }));
    },
    'looks.create': async ({ name, brief }) => {
      const { project } = requireProject(ctx);
      const s = ctx.settings.get();
      const row = saveLook(project.db, { look: blankLook(name.trim(), brief, { provider: s.defaultProvider, model: s.defaultModel, budgetUsd: s.budgetUsd, commercialOnly: s.commercialOnly }) });
      return lookView(project, row.id);
    },
    'looks.importFile': async ({ path, allowOutside }) => {
      const { project } = requireProject(ctx);
      // core/pipeline's importer: same behaviour as `continuity run --project` (a look of the same
      // name is updated in place, keeping its shots and takes).
      const { lookId } = await importLookFile(project, path, { allowOutside });
      return lookView(project, lookId);
    },
    'looks.get': async ({ lookId }) => lookView(requireProject(ctx).project, lookId),
    'looks.updateBrandKit': async ({ lookId, brandKit }) => save(lookId, (l) => ({ ...l, brandKit })),
    'looks.updateBrief': async ({ lookId, brief }) => save(lookId, (l) => ({ ...l, brief })),
    'looks.updateBatch': async ({ lookId, batch }) => {
      // The character is kept by content (sha256), whichever way the person named it.
      const character = batch.characterReference && chooseCharacterReference(requireProject(ctx).project, lookId, batch.characterReference, 'batch.characterReference');
      return save(lookId, (l) => ({ ...l, batch: BatchSettingsSchema.parse({ ...l.batch, ...batch, ...(character ? { characterReference: character } : {}) }) }));
    },
  };
}
