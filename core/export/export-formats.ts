/**
 * The timeline formats a clip pack can carry. Kept apart from the pack types (which load zod) so
 * the command line can check `--formats` without paying for the schema library at start-up.
 */
export const EXPORT_FORMATS = ['fcpxml', 'edl', 'otio', 'mlt'] as const;
/** `mlt` writes both the plain MLT XML (.mlt) and the Kdenlive project (.kdenlive). */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
