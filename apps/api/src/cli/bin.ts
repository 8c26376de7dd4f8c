/** `pnpm gongfu …` lands here: runs one command line and exits with its status. */
import { runCli } from './main';

const status = await runCli(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
process.exit(status);
