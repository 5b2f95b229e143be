/** Engine messages reach the app without CLI flags (issue 16 item 8). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uiWords } from '../../../core/api/ui-words.ts';
import { toApiError } from '../../../core/api/to-api-error.ts';
import { WorkError } from '../../../core/domain/errors.ts';
import { OutsideFolderError } from '../../../core/look/inside-folder.ts';

test('CLI flags become the place in the app that does the same thing', () => {
  assert.equal(uiWords('raise the budget (--budget) or make fewer takes.'), 'raise the budget (Batch settings → Budget) or make fewer takes.');
  assert.equal(uiWords('finished takes are kept (run again with --resume)'), 'finished takes are kept (press Retry on the job to continue)');
  assert.equal(uiWords('no flags here'), 'no flags here');
  const e = toApiError(new WorkError('over the budget; raise it (--budget)', 'over_budget'));
  assert.doesNotMatch(e.message, /--[a-z]/);
  // The shot editor's and remix's changes, and a reference outside the look's folder (the app asks instead).
  assert.equal(uiWords('--delta "palette:nope": not a colour'), 'The change "palette:nope": not a colour');
  const outside = toApiError(new OutsideFolderError('look.json: references[0].path "/x.png" is outside the look\'s folder /l; move the image into that folder, or allow files outside it explicitly (continuity: --allow-outside; the app asks)', 'references[0].path', '/x.png'));
  assert.equal(outside.code, 'outside_folder');
  assert.doesNotMatch(outside.message, /--[a-z]/);
});
