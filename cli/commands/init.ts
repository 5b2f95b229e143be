/**
 * `continuity init DIR` — a starter LOOK.json with instructions, ready for `continuity plan` once
 * the user drops their images into DIR/references and DIR/products.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CliCommand, CliIO } from '../command.ts';
import { parseCommandArgs } from '../command.ts';
import { InputError } from '../../core/domain/errors.ts';
import { starterLook, STARTER_README } from '../../core/look/starter-look.ts';

const help = `Usage: continuity init DIR [--name NAME] [--force]

Writes DIR/LOOK.json (a starter look with instructions in its "_help" field), DIR/LOOK.README.txt,
and empty DIR/references/ and DIR/products/ folders. Add your images with the file names listed
in LOOK.json (or edit the paths), then run: continuity plan DIR/LOOK.json

Options:
  --name NAME   the look's name (default: the folder name)
  --force       overwrite an existing LOOK.json
Exit codes: 0 ok, 2 bad input.`;

export const command: CliCommand = {
  name: 'init',
  summary: 'write a starter LOOK.json with instructions into a folder',
  help,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs('init', argv, { name: { type: 'string' }, force: { type: 'boolean' } });
    const [dirArg, ...extra] = positionals;
    if (!dirArg) throw new InputError('init: missing DIR argument. Run "continuity init --help".', 'DIR');
    if (extra.length) throw new InputError(`init: unexpected argument ${JSON.stringify(extra[0])}; give one folder`, 'argument', extra[0]);
    const dir = resolve(dirArg);
    const file = join(dir, 'LOOK.json');
    if (existsSync(file) && !values.force) {
      throw new InputError(`init: ${JSON.stringify(file)} already exists; use --force to overwrite it`, 'DIR', dirArg);
    }
    mkdirSync(join(dir, 'references'), { recursive: true });
    mkdirSync(join(dir, 'products'), { recursive: true });
    const name = values.name ?? (dir.split(/[\\/]/).filter(Boolean).pop() || 'My look');
    writeFileSync(file, JSON.stringify(starterLook(name), null, 2) + '\n');
    writeFileSync(join(dir, 'LOOK.README.txt'), STARTER_README);
    io.out(`wrote ${file}\nwrote ${join(dir, 'LOOK.README.txt')}\n\nNext: put your images in ${join(dir, 'references')} and ${join(dir, 'products')} (names as in LOOK.json), then run:\n  continuity plan ${JSON.stringify(file)}`);
    return 0;
  },
};
