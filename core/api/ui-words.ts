/**
 * Engine messages are written for the command line too; in the app a CLI flag means nothing
 * (issue 16 item 8: "`--all`, `--budget` in UI text"). This rewrites the flags the engine names
 * into the place in the app that does the same thing. Pure; applied at the API boundary.
 */
const FLAGS: [RegExp, string][] = [
  [/\(--budget\)/g, '(Batch settings → Budget)'],
  [/--budget\b/g, 'the budget in Batch settings'],
  [/\(run again with --resume\)/g, '(press Retry on the job to continue)'],
  [/--resume\b/g, 'Retry'],
  [/\(--all\)/g, '("Every current take" in the export dialog)'],
  [/--all\b/g, '"Every current take" in the export dialog'],
  [/--max-retries\b/g, 'the retry limit'],
  [/--delta /g, 'The change '],
  [/--shot: no shot /g, 'There is no shot '],
  [/--shot: /g, 'Shot '],
  [/Run with --replan to replace them/g, 'Press Re-plan (it asks first) to replace them'],
  [/--replan\b/g, 'Re-plan'],
  [/ \(continuity: --allow-outside; the app asks\)/g, ''],
];

export function uiWords(message: string): string {
  return FLAGS.reduce((m, [re, words]) => m.replace(re, words), message);
}
