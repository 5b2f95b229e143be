// Child process for kill-writer.test.ts: commits rows in a loop and prints each id only after its
// commit returned (an "acknowledged" commit). The parent kills it with SIGKILL at a random moment.
import { openProject } from '../../../core/store/open-project.ts';
import { setSetting } from '../../../core/store/settings-repo.ts';

const project = openProject(process.argv[2]!, { create: true });
const start = Number(process.argv[3] ?? 0);
const stmt = project.db.prepare("INSERT INTO settings (key, value_json) VALUES (?, ?)");
const many = project.db.transaction((i: number) => {
  stmt.run(`k${i}`, JSON.stringify({ i, pad: 'x'.repeat(200) }));
  setSetting(project.db, 'last', i); // a second row in the same transaction: both or neither
});
for (let i = start; ; i++) {
  many(i);
  process.stdout.write(`${i}\n`);
}
