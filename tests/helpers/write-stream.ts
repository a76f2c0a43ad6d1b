/** Child process for the durability test: acknowledges each write on stdout, forever, until killed. */
import { Engine } from '../../local/db/engine';
import { localDatabase } from '../../local/db/request';

const file = process.argv[2];
if (!file) throw new Error('usage: write-stream <sqlite file>');
const engine = new Engine({ filename: file, collections: [{ name: 'journal', indexes: [] }] });
const journal = localDatabase(engine).collection('journal');

void (async () => {
  for (let seq = 0; ; seq += 1) {
    await journal.add({ _id: `w${seq}`, seq });
    process.stdout.write(`${seq}\n`);
  }
})();
